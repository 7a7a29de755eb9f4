using System.Text;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Host and account names become grain keys and storage names (encoded, in Incidents.Contracts' <c>EntityKeys</c>).
/// A storage name has a length limit, so a name has one too: 255 bytes of UTF-8, the longest DNS name and more than
/// any Windows account, and no control characters; such a name is the item's error, not the batch's.
/// </summary>
internal static class EntityNames
{
    public const int MaxBytes = 255;

    public static string? Checked(string? name, string what)
    {
        if (name is null)
        {
            return null;
        }

        if (name.Length > MaxBytes / 3 && Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            throw new InvalidAlertException($"the {what} '{name[..40]}…' is longer than {MaxBytes} bytes");
        }

        if (name.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || name.Contains('\u007f', StringComparison.Ordinal))
        {
            throw new InvalidAlertException($"the {what} holds a control character");
        }

        return name;
    }
}
