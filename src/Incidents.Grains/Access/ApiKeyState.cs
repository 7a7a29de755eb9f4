using Incidents.Contracts.Access;

namespace Incidents.Grains.Access;

[GenerateSerializer, Alias("Incidents.ApiKeyState")]
public sealed record ApiKeyState
{
    [Id(0)] public ApiKeyInfo? Key { get; set; }

    /// <summary>SHA-256 of the whole key. Its secret is 256 random bits, so a plain hash is as strong as a slow one.</summary>
    [Id(1)] public byte[] SecretHash { get; set; } = [];
}
