namespace Incidents.Testing;

/// <summary>Real records from other projects, in <c>../shared/data</c> beside the repository.</summary>
public static class SharedData
{
    public static string Path(string relative)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(BuiltProjects.RepoRoot, "..", "shared", "data", relative));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Shared test data '{relative}' is not at {path}: the repository expects shared/ beside it.", path);
    }
}
