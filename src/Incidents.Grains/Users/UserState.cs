using Incidents.Contracts.Correlation;
using Incidents.Contracts.Users;

namespace Incidents.Grains.Users;

[GenerateSerializer, Alias("Incidents.UserState")]
public sealed record UserState
{
    [Id(0)] public DateTimeOffset? FirstSeen { get; set; }
    [Id(1)] public DateTimeOffset? LastSeen { get; set; }

    /// <summary>At most <see cref="CorrelationOptions.UserHostsKept"/>, least recently seen leaving first.</summary>
    [Id(2)] public List<UserHost> Hosts { get; set; } = [];

    /// <summary>Oldest first, at most <see cref="CorrelationOptions.HostSeenAlertKeys"/>.</summary>
    [Id(3)] public List<string> SeenEventKeys { get; set; } = [];

    /// <summary>Compromised hosts this account was seen on, one per host; at most <see cref="CorrelationOptions.UserExposuresKept"/>.</summary>
    [Id(4)] public List<Exposure> Exposures { get; set; } = [];

    /// <summary>Cloud sign-ins, one per address and provider; at most <see cref="CorrelationOptions.UserSignInsKept"/>, least recently seen leaving first.</summary>
    [Id(5)] public List<UserSignIn> SignIns { get; set; } = [];
}
