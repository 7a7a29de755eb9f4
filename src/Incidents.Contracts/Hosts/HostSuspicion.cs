using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Hosts;

/// <summary>A suspicion a host holds, and what became of it.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.HostSuspicion")]
public sealed record HostSuspicion(
    [property: Id(0)] Suspicion Suspicion,
    [property: Id(1)] SuspicionState State);

[GenerateSerializer, Alias("Incidents.SuspicionState")]
public enum SuspicionState
{
    /// <summary>Waiting for an alert of this host in the window.</summary>
    Pending = 0,

    /// <summary>This host is in the incident, and the step is drawn.</summary>
    Applied = 1,

    /// <summary>Many hosts reach this one the same way: the step shows nothing unusual and links nothing.</summary>
    Routine = 2,
}
