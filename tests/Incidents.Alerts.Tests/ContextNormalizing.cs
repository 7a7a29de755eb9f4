using System.Text;

namespace Incidents.Alerts.Tests;

/// <summary>Shorthands for the context-event tests: normalise with default options, expect success or an error, read data files.</summary>
internal static class ContextNormalizing
{
    public static readonly ContextEventNormalizer Default = new(new NormalizerOptions());

    public static ContextEventResult Normalize(string json, ContextEventFormat format = ContextEventFormat.Auto) =>
        Default.Normalize(Encoding.UTF8.GetBytes(json), format);

    public static ContextEvent Accepted(string json, ContextEventFormat format = ContextEventFormat.Auto) =>
        Accepted(Normalize(json, format));

    public static ContextEvent Accepted(ContextEventResult result)
    {
        Assert.True(result.IsSuccess, $"expected a context event, got error: {result.Error}");
        Assert.Null(result.Error);
        return result.Event!;
    }

    public static string Rejected(string json, ContextEventFormat format = ContextEventFormat.Auto) =>
        Rejected(Normalize(json, format));

    public static string Rejected(ContextEventResult result)
    {
        Assert.False(result.IsSuccess, $"expected an error, got an event: {result.Event}");
        Assert.Null(result.Event);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        return result.Error!;
    }

    /// <summary>The non-empty lines of an NDJSON file in the shared data folder, as bytes.</summary>
    public static List<byte[]> Lines(string relativePath) =>
        File.ReadAllLines(SharedData.Path(relativePath))
            .Where(line => line.Trim().Length > 0)
            .Select(Encoding.UTF8.GetBytes)
            .ToList();

    /// <summary>Every line of the file normalised; each result paired with its line.</summary>
    public static List<(byte[] Line, ContextEventResult Result)> NormalizeFile(string relativePath) =>
        Lines(relativePath).Select(line => (line, Default.Normalize(line))).ToList();

    /// <summary>The events of a file whose every line must be accepted.</summary>
    public static List<ContextEvent> AllAccepted(string relativePath)
    {
        var results = NormalizeFile(relativePath);
        var errors = results.Where(r => !r.Result.IsSuccess)
            .Select(r => $"{r.Result.Error} <- {Encoding.UTF8.GetString(r.Line)}")
            .ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} of {results.Count} lines of {relativePath} refused:\n{string.Join("\n", errors.Take(5))}");
        return results.Select(r => r.Result.Event!).ToList();
    }
}
