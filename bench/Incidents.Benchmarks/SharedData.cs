namespace Incidents.Benchmarks;

/// <summary>
/// Finds the shared data folder that lives beside the repository (<c>&lt;x&gt;/main</c> and <c>&lt;x&gt;/shared/data</c>).
/// BenchmarkDotNet runs each benchmark in a child process built under <c>bin/</c> and started from a directory of
/// its own, so the folder is looked for above the current directory, above the binaries, and above this project;
/// <c>INCIDENTS_SHARED_DATA</c> overrides all of them.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "INCIDENTS_SHARED_DATA";

    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Directory => Root.Value;

    public static string Path(string relativePath)
    {
        string file = System.IO.Path.Combine(Root.Value, relativePath);
        return File.Exists(file)
            ? file
            : throw new FileNotFoundException($"Shared data file '{relativePath}' is not in {Root.Value}.", file);
    }

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path(relativePath));

    /// <summary>The files matching a pattern in one folder of the data, in ordinal name order so runs agree.</summary>
    public static string[] Files(string folder, string pattern)
    {
        string directory = System.IO.Path.Combine(Root.Value, folder);
        string[] files = System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory, pattern) : [];
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No shared data file matches '{folder}/{pattern}' in {Root.Value}.");
        }

        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string FindRoot()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.Directory.Exists(configured)
                ? System.IO.Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} names '{configured}', which is not a directory.");
        }

        string[] starts = [Environment.CurrentDirectory, AppContext.BaseDirectory, ThisProjectDirectory()];
        foreach (string start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                string data = System.IO.Path.Combine(directory.FullName, "shared", "data");
                if (System.IO.Directory.Exists(data))
                {
                    return data;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No 'shared/data' folder above {string.Join(", ", starts)}; the benchmarks expect the shared folder " +
            $"beside the repository, or its path in {EnvironmentVariable}.");
    }

    // Where this file was compiled: a last resort when the binaries were copied somewhere unrelated.
    private static string ThisProjectDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetDirectoryName(path) ?? path;
}
