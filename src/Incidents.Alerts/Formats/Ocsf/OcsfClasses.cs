using System.Globalization;
using System.Text.Json;

namespace Incidents.Alerts.Formats.Ocsf;

/// <summary>
/// OCSF event classes (<c>class_uid</c>): which are findings, and what to tell a sender of any other. Shared by the
/// alert parser and anything else that reads OCSF.
/// </summary>
internal static class OcsfClasses
{
    /// <summary>Security Finding: the finding class of OCSF 1.0 (deprecated in 1.1), as Amazon Security Lake emitted it.</summary>
    public const long SecurityFinding = 2001;

    /// <summary>Detection Finding: the finding class of OCSF 1.1 and later.</summary>
    public const long DetectionFinding = 2004;

    /// <summary>Authentication: a logon, a context event.</summary>
    public const long Authentication = 3002;

    /// <summary>Why an item of this class is not an alert; null for the finding classes.</summary>
    public static InvalidAlertException? NotAFinding(long classUid) => classUid switch
    {
        SecurityFinding or DetectionFinding => null,
        Authentication => new InvalidAlertException(
            "OCSF class 3002 (Authentication) is not a finding; send it to /api/v1/events"),
        _ => new InvalidAlertException(string.Create(
            CultureInfo.InvariantCulture, $"OCSF class {classUid} is not supported; send Detection Findings (2004) or Security Findings (2001)")),
    };

    /// <summary>
    /// The class error of an item whose top-level <c>class_uid</c> names a class that is not a finding; null when it
    /// names a finding class, has none, or cannot be read. Used after another error, so that a non-finding item is
    /// told the reason that matters rather than the first field it tripped on. Never throws.
    /// </summary>
    public static InvalidAlertException? ClassError(ReadOnlySpan<byte> item)
    {
        try
        {
            var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (JsonValues.NextProperty(ref reader))
            {
                bool isClass = reader.ValueTextEquals("class_uid"u8);
                reader.Read();
                if (isClass)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long classUid)
                        ? NotAFinding(classUid)
                        : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
