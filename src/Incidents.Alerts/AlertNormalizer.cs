using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
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
    private readonly NormalizerOptions _options = Validated(options);

    /// <summary>Never throws, whatever the bytes: a bad item gives <see cref="NormalizeResult.Error"/>.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "The contract is one result per item, never an exception; the last catch is a safety net, and tests pin the specific messages of the normal paths.")]
    public NormalizeResult Normalize(ReadOnlySpan<byte> itemJson, AlertFormat format = AlertFormat.Auto)
    {
        try
        {
            return NormalizeResult.Success(Parse(itemJson, format));
        }
        catch (InvalidAlertException ex)
        {
            return NormalizeResult.Failure(ex.Message);
        }
        catch (JsonException ex)
        {
            return NormalizeResult.Failure($"the item is not valid JSON: {ex.Message}");
        }
        catch (Exception ex)
        {
            return NormalizeResult.Failure($"the item could not be read ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private Alert Parse(ReadOnlySpan<byte> item, AlertFormat format)
    {
        if (item.Length > _options.MaxItemBytes)
        {
            throw new InvalidAlertException($"the item is larger than {_options.MaxItemBytes} bytes");
        }

        // Checked up front: the reader does not validate UTF-8 inside strings it skips, and Raw must be faithful.
        if (!Utf8.IsValid(item))
        {
            throw new InvalidAlertException("the item is not valid UTF-8");
        }

        if (item.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new InvalidAlertException("the item is empty");
        }

        if (format == AlertFormat.Auto)
        {
            format = FormatDetector.Detect(item);
        }

        return format switch
        {
            AlertFormat.Native => NativeAlertParser.Parse(item, _options),
            AlertFormat.Suricata => SuricataAlertParser.Parse(item, _options),
            AlertFormat.Ocsf => OcsfAlertParser.Parse(item, _options),
            AlertFormat.Ecs => EcsAlertParser.Parse(item, _options),
            AlertFormat.Zeek => ZeekNoticeParser.Parse(item, _options),
            _ => throw new InvalidAlertException($"format '{format}' is not supported"),
        };
    }

    private static NormalizerOptions Validated(NormalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.InternalNetworks, nameof(options.InternalNetworks));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxStringLength, nameof(options.MaxStringLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxItemBytes, nameof(options.MaxItemBytes));
        return options;
    }
}
