namespace Incidents.Alerts.Formats;

/// <summary>What a format calls the fields every alert needs, so that the shared checks speak the sender's language.</summary>
internal sealed record RequiredFieldNames(string Source, string Time, string Title, string Severity);
