namespace Incidents.Contracts.Incidents;

/// <summary>
/// Where an incident is in its response. Moves go forward along
/// <see cref="New"/> → <see cref="Acknowledged"/> → <see cref="Investigating"/> → <see cref="Contained"/> →
/// <see cref="Resolved"/> (steps may be skipped); a resolved incident can be reopened to <see cref="Investigating"/>;
/// <see cref="Merged"/> is set by correlation alone. The numbers are stored: they never change, and are not the order.
/// </summary>
[GenerateSerializer, Alias("Incidents.IncidentStatus")]
public enum IncidentStatus
{
    New = 0,
    Acknowledged = 1,
    Resolved = 2,
    Merged = 3,
    Investigating = 4,
    Contained = 5,
}
