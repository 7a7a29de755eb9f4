using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>The README's promises that a test can hold it to.</summary>
public sealed class ReadmeTests
{
    /// <summary>
    /// A person trying the README sees what production runs: a Debug AppHost ran Debug silos at a sixth of the speed
    /// of Release ones on new hosts.
    /// </summary>
    [Fact]
    public void The_run_command_builds_the_silos_and_the_API_in_Release()
    {
        var readme = File.ReadAllText(Path.Combine(BuiltProjects.RepoRoot, "README.md"));
        var runIt = readme[readme.IndexOf("## Run it", StringComparison.Ordinal)..];
        var block = runIt[(runIt.IndexOf("```bash", StringComparison.Ordinal) + 7)..runIt.IndexOf("```\n\n", StringComparison.Ordinal)];
        var run = block.Split('\n').Single(l => l.Contains("--project AppHost", StringComparison.Ordinal));

        Assert.Contains("dotnet run -c Release --project AppHost", run, StringComparison.Ordinal);
        Assert.Contains(block.Split('\n'), l => l.StartsWith("dotnet test ", StringComparison.Ordinal));
    }
}
