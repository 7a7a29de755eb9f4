using Incidents.Alerts.Formats;
using Incidents.Alerts.Formats.Ecs;
using Incidents.Alerts.Formats.Native;
using Incidents.Alerts.Formats.Ocsf;
using Incidents.Alerts.Formats.Suricata;
using Incidents.Alerts.Formats.Zeek;

namespace Incidents.Alerts;

/// <summary>
/// Turns one item, in any supported format, into an <see cref="Alert"/>, or into a short reason why not.
/// Thread-safe and stateless beyond its options: share one instance.
/// </summary>
/// <remarks>
/// Ids: <see cref="Alert.Fingerprint"/> is the first 16 bytes (32 lowercase hex) of a SHA-256 over the fields that
/// make two deliveries the same alert (source, UTC time, rule id, title, endpoints' addresses and ports, observed
/// host, user, and a source's flow key). <see cref="Alert.Id"/> is the same hash of <c>source \0 sourceId</c> where
/// the source gives an id, else the fingerprint.
/// </remarks>
public sealed class AlertNormalizer(NormalizerOptions options)
{
    private readonly NormalizerOptions _options = ItemNormalizing.Validated(options);

    /// <summary>Never throws, whatever the bytes: a bad item gives <see cref="NormalizeResult.Error"/>.</summary>
    public NormalizeResult Normalize(ReadOnlySpan<byte> itemJson, AlertFormat format = AlertFormat.Auto) =>
        ItemNormalizing.TryParse(itemJson, format, _options, Parse, out var alert, out string? error)
            ? NormalizeResult.Success(alert)
            : NormalizeResult.Failure(error);

    private static Alert Parse(ReadOnlySpan<byte> item, AlertFormat format, NormalizerOptions options)
    {
        if (format == AlertFormat.Auto)
        {
            format = FormatDetector.Detect(item);
        }

        return format switch
        {
            AlertFormat.Native => NativeAlertParser.Parse(item, options),
            AlertFormat.Suricata => SuricataAlertParser.Parse(item, options),
            AlertFormat.Ocsf => OcsfAlertParser.Parse(item, options),
            AlertFormat.Ecs => EcsAlertParser.Parse(item, options),
            AlertFormat.Zeek => ZeekNoticeParser.Parse(item, options),
            _ => throw new InvalidAlertException($"format '{format}' is not supported"),
        };
    }
}
