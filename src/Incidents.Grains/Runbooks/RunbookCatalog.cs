using Incidents.Contracts.Runbooks;
using Microsoft.Extensions.Logging;

namespace Incidents.Grains.Runbooks;

/// <summary>
/// The runbooks this silo loaded at start, by category (case-insensitive). A file that is not a runbook is logged and
/// skipped; a missing folder is an empty catalog: neither stops the silo.
/// </summary>
public sealed partial class RunbookCatalog
{
    /// <summary>Past this a file is refused unread: a runbook is a page, not a log.</summary>
    public const long MaxFileBytes = 64 * 1024;

    private readonly Dictionary<string, Runbook> _byCategory;

    public RunbookCatalog(IEnumerable<Runbook> runbooks)
    {
        _byCategory = new(StringComparer.OrdinalIgnoreCase);
        foreach (var runbook in runbooks)
        {
            _byCategory[runbook.Category] = runbook;
        }

        All = [.. _byCategory.Values.OrderBy(r => r.Category, StringComparer.Ordinal)];
    }

    public static RunbookCatalog Empty { get; } = new([]);

    /// <summary>By category.</summary>
    public IReadOnlyList<Runbook> All { get; }

    public Runbook? Find(string category) => _byCategory.GetValueOrDefault(category);

    public static RunbookCatalog Load(string directory, ILogger logger)
    {
        if (!Directory.Exists(directory))
        {
            LogNoDirectory(logger, directory);
            return Empty;
        }

        var runbooks = new List<Runbook>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.md").Order(StringComparer.Ordinal))
        {
            try
            {
                if (new FileInfo(path).Length > MaxFileBytes)
                {
                    throw new FormatException($"The file is larger than {MaxFileBytes} bytes.");
                }

                runbooks.Add(Runbooks.Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                LogSkipped(logger, path, e.Message);
            }
        }

        LogLoaded(logger, runbooks.Count, directory);
        return new RunbookCatalog(runbooks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No runbooks: the folder {Directory} does not exist")]
    private static partial void LogNoDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runbook {Path} skipped: {Error}")]
    private static partial void LogSkipped(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} runbooks loaded from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int count, string directory);
}
