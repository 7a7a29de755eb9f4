using System.Text;

namespace Incidents.Alerts.Formats.Ocsf;

/// <summary>
/// OCSF <c>severity_id</c> on the one scale. OCSF's own scale has no "none": Unknown (0) and Informational (1) are
/// Info; Fatal (6) is beyond Critical and is Critical; Other (99, "the event source's own value, see severity") is
/// Medium, neither dismissed nor escalated until an analyst sees it.
/// </summary>
internal static class OcsfSeverity
{
    public static Severity? FromId(long id) => id switch
    {
        0 or 1 => Severity.Info,
        2 => Severity.Low,
        3 => Severity.Medium,
        4 => Severity.High,
        5 or 6 => Severity.Critical,
        99 => Severity.Medium,
        _ => null,
    };

    /// <summary>The caption OCSF gives each id, for an item that has only the <c>severity</c> text.</summary>
    public static Severity? FromCaption(ReadOnlySpan<char> caption) =>
        Ascii.EqualsIgnoreCase(caption, "Unknown") || Ascii.EqualsIgnoreCase(caption, "Informational") ? Severity.Info :
        Ascii.EqualsIgnoreCase(caption, "Low") ? Severity.Low :
        Ascii.EqualsIgnoreCase(caption, "Medium") || Ascii.EqualsIgnoreCase(caption, "Other") ? Severity.Medium :
        Ascii.EqualsIgnoreCase(caption, "High") ? Severity.High :
        Ascii.EqualsIgnoreCase(caption, "Critical") || Ascii.EqualsIgnoreCase(caption, "Fatal") ? Severity.Critical :
        null;
}
