using System.Reflection;

namespace Incidents.Azurite;

/// <summary>Where the npm-installed Azurite lives on this machine.</summary>
public static class AzuriteInstall
{
    private const string ToolDirectoryKey = "Incidents.Azurite.ToolDirectory";

    /// <summary>The folder of Incidents.Azurite.csproj, package.json and node_modules, embedded at build time.</summary>
    public static string ToolDirectory { get; } = ReadToolDirectory();

    /// <summary>Absolute path of Azurite's entry script (its package.json "bin" entry <c>azurite</c>).</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed there.</exception>
    public static string ScriptPath => Existing(Path.Combine(ToolDirectory, "node_modules", "azurite", "dist", "src", "azurite.js"));

    /// <summary>
    /// Preload script that mends the pinned Azurite's write slots, which clients that give up would otherwise leak
    /// until no blob write is answered (see the script). Every way this project runs Azurite preloads it.
    /// </summary>
    public static string FixesPath => Existing(Path.Combine(ToolDirectory, "azurite-fixes.cjs"));

    /// <summary>Preload script that stops Azurite when its parent process closes stdin or dies.</summary>
    internal static string ExitWithParentPath => Existing(Path.Combine(ToolDirectory, "exit-with-parent.cjs"));

    private static string ReadToolDirectory()
    {
        // Read from the assembly, not from AppContext.BaseDirectory: this library runs from other projects' bin folders.
        var value = typeof(AzuriteInstall).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ToolDirectoryKey)?.Value;
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"Incidents.Azurite was built without its '{ToolDirectoryKey}' assembly metadata.")
            : Path.GetFullPath(value);
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException(
            $"Azurite is not installed: '{path}' is missing. Build tools/Incidents.Azurite (its build runs 'npm ci'; Node.js 20 or later is needed).");
}
