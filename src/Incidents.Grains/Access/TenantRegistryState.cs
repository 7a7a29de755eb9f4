using Incidents.Contracts.Access;

namespace Incidents.Grains.Access;

[GenerateSerializer, Alias("Incidents.TenantRegistryState")]
public sealed record TenantRegistryState
{
    [Id(0)] public Dictionary<string, Tenant> Tenants { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, ApiKeyInfo> Keys { get; set; } = new(StringComparer.Ordinal);
}
