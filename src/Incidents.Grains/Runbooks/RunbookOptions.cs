namespace Incidents.Grains.Runbooks;

/// <summary>Where the runbooks are (<c>Incidents:Runbooks</c>).</summary>
public sealed class RunbookOptions
{
    public const string Section = "Incidents:Runbooks";

    /// <summary>A folder of <c>{category}.md</c> files; by default <c>runbooks</c> next to the silo's binaries, where the build copies them.</summary>
    public string? Directory { get; set; }

    public string Resolved => string.IsNullOrWhiteSpace(Directory) ? Path.Combine(AppContext.BaseDirectory, "runbooks") : Directory;
}
