using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Incidents.Contracts.Incidents;

namespace Incidents.Api.Incidents;

/// <summary>
/// The queue's <c>next</c>: where the last incident of a page stood in its sort, as opaque text (base64url of
/// <c>sort.primary.secondary.id</c>). A page asked for with it starts right after that incident, however the queue
/// changed meanwhile.
/// </summary>
internal static class QueueCursor
{
    public static string Encode(QueuePosition position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{(int)position.Sort}.{position.Primary}.{position.Secondary}.{position.Id}")));

    public static bool TryDecode(string text, IncidentSort sort, out QueuePosition? position)
    {
        position = null;
        if (text.Length > 200 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sorted) || sorted != (int)sort
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var primary)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var secondary)
            || !IncidentIds.IsValid(parts[3]))
        {
            return false;
        }

        position = new QueuePosition(sort, primary, secondary, parts[3]);
        return true;
    }
}
