using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts;

/// <summary>
/// What <see cref="AlertNormalizer"/> and <see cref="ContextEventNormalizer"/> do around a format's parser: the
/// option checks, the checks every item passes before any parsing, and the contract of one outcome per item.
/// </summary>
internal static class ItemNormalizing
{
    /// <summary>
    /// Reads one item that has passed the checks; throws <see cref="InvalidAlertException"/> (or the reader's
    /// <see cref="JsonException"/>) for a bad one.
    /// </summary>
    public delegate T Parser<in TFormat, out T>(ReadOnlySpan<byte> item, TFormat format, NormalizerOptions options);

    public static NormalizerOptions Validated(NormalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.InternalNetworks, nameof(options.InternalNetworks));
        ArgumentNullException.ThrowIfNull(options.SourceTimeZones, nameof(options.SourceTimeZones));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxStringLength, nameof(options.MaxStringLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxItemBytes, nameof(options.MaxItemBytes));
        return options;
    }

    /// <summary>Never throws, whatever the bytes: either the parsed value, or a short reason why not.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "The contract is one result per item, never an exception; the last catch is a safety net, and tests pin the specific messages of the normal paths.")]
    public static bool TryParse<TFormat, T>(
        ReadOnlySpan<byte> item,
        TFormat format,
        NormalizerOptions options,
        Parser<TFormat, T> parse,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        value = null;
        try
        {
            Check(item, options);
            value = parse(item, format, options);
            error = null;
            return true;
        }
        catch (InvalidAlertException ex)
        {
            error = ex.Message;
        }
        catch (JsonException ex)
        {
            error = $"the item is not valid JSON: {ex.Message}";
        }
        catch (Exception ex)
        {
            error = $"the item could not be read ({ex.GetType().Name}: {ex.Message})";
        }

        return false;
    }

    private static void Check(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        if (item.Length > options.MaxItemBytes)
        {
            throw new InvalidAlertException($"the item is larger than {options.MaxItemBytes} bytes");
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
    }
}
