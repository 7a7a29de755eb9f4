namespace Incidents.Contracts.Correlation;

/// <summary>A host an account was seen on is in an incident from <see cref="Since"/> on: the account's credentials may be exposed.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.Exposure")]
public sealed record Exposure(
    [property: Id(0)] string Host,
    [property: Id(1)] string IncidentId,
    [property: Id(2)] DateTimeOffset Since);
