namespace Incidents.Contracts.Access;

/// <summary>One organisation served by the installation; its id starts every grain key of its data.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.Tenant")]
public sealed record Tenant(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Created,
    [property: Id(3)] string CreatedBy);
