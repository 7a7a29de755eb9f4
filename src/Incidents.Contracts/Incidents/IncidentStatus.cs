namespace Incidents.Contracts.Incidents;

[GenerateSerializer, Alias("Incidents.IncidentStatus")]
public enum IncidentStatus
{
    Open = 0,
    Acknowledged = 1,
    Closed = 2,
    Merged = 3,
}
