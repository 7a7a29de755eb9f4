using Incidents.Contracts.Correlation;

namespace Incidents.Contracts.Hosts;

/// <summary>Which way a contact between two hosts went, seen from the host that records it.</summary>
[GenerateSerializer, Alias("Incidents.ContactDirection")]
public enum ContactDirection
{
    /// <summary>This host reached the peer.</summary>
    Outbound = 0,

    /// <summary>The peer reached this host.</summary>
    Inbound = 1,
}

/// <summary>
/// One internal host reaching another over one protocol (or ATT&amp;CK technique, for alerts), folded over every time
/// it happened, with the id of the last alert or event that showed it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.HostContact")]
public sealed record HostContact(
    [property: Id(0)] ContactDirection Direction,
    [property: Id(1)] string Peer,
    [property: Id(2)] string Protocol,
    [property: Id(3)] DateTimeOffset FirstSeen,
    [property: Id(4)] DateTimeOffset LastSeen,
    [property: Id(5)] long Count,
    [property: Id(6)] string? LastDetail,
    [property: Id(7)] string? LastUser,
    [property: Id(8)] string? LastEvidence,
    [property: Id(9)] LateralKind Lateral = LateralKind.None,
    [property: Id(10)] string? Technique = null,
    [property: Id(11)] string? FirstEvidence = null);

