namespace Incidents.Alerts.Tests;

/// <summary>
/// Finds files in the project's shared data folder, which lives beside the repository (<c>&lt;x&gt;/main</c> and
/// <c>&lt;x&gt;/shared</c>), by walking up from the test binaries.
/// </summary>
internal static class SharedData
{
    public static string Path(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string data = System.IO.Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(data))
            {
                string file = System.IO.Path.Combine(data, relativePath);
                return File.Exists(file)
                    ? file
                    : throw new FileNotFoundException($"Shared data file '{relativePath}' is not in {data}.", file);
            }
        }

        throw new DirectoryNotFoundException(
            $"No 'shared/data' folder above {AppContext.BaseDirectory}; the tests expect the shared folder beside the repository.");
    }

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path(relativePath));
}
