using System.Reflection;

namespace Incidents.Testing;

/// <summary>Where the build put the programs the tests run.</summary>
public static class BuiltProjects
{
    private static string Metadata(string key) =>
        typeof(BuiltProjects).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Silo => Dll("Incidents.Silo");

    public static string Api => Dll("Incidents.Api");

    private static string Dll(string project)
    {
        var path = Path.Combine(RepoRoot, "src", project, "bin", Metadata("Configuration"), "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built at {path}.", path);
    }
}
