namespace Incidents.Api.Incidents;

/// <summary>Incident ids are 32 lower-case hex digits; anything else names no incident and reaches no grain.</summary>
internal static class IncidentIds
{
    public static bool IsValid(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
