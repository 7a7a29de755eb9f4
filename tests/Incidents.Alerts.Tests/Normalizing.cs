using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Shorthands for the tests: normalise text with default options, and expect success or an error.</summary>
internal static class Normalizing
{
    public static readonly AlertNormalizer Default = new(new NormalizerOptions());

    public static NormalizeResult Normalize(string json, AlertFormat format = AlertFormat.Auto) =>
        Default.Normalize(Encoding.UTF8.GetBytes(json), format);

    public static Alert Accepted(string json, AlertFormat format = AlertFormat.Auto) => Accepted(Normalize(json, format));

    public static Alert Accepted(NormalizeResult result)
    {
        Assert.True(result.IsSuccess, $"expected an alert, got error: {result.Error}");
        Assert.Null(result.Error);
        return result.Alert!;
    }

    /// <summary>Each item, accepted twice and re-serialised without whitespace, gives the same id and fingerprint.</summary>
    public static void AssertSameIds(IEnumerable<string> items)
    {
        foreach (string item in items)
        {
            var (first, second) = (Accepted(item), Accepted(item));
            Assert.Equal(first.Id, second.Id);
            Assert.Equal(first.Fingerprint, second.Fingerprint);
            var compact = Accepted(JsonNode.Parse(item)!.ToJsonString());
            Assert.Equal(first.Id, compact.Id);
            Assert.Equal(first.Fingerprint, compact.Fingerprint);
        }
    }

    public static string Rejected(string json, AlertFormat format = AlertFormat.Auto) => Rejected(Normalize(json, format));

    public static string Rejected(NormalizeResult result)
    {
        Assert.False(result.IsSuccess, "expected an error, got an alert");
        Assert.Null(result.Alert);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        return result.Error!;
    }
}
