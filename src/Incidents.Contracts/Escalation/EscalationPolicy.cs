using System.Text.Json.Serialization;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Escalation;

/// <summary>
/// A tenant's escalation policy: its teams, and routes in order (the first that matches an incident wins; the last
/// matches everything). Versioned: each change is a new version.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.EscalationPolicy")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt field is a 400, not a condition quietly dropped
public sealed record EscalationPolicy
{
    [Id(0)] public long Version { get; init; }
    [Id(1)] public IReadOnlyList<EscalationTeam> Teams { get; init; } = [];
    [Id(2)] public IReadOnlyList<EscalationRoute> Routes { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("Incidents.EscalationTeam")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt field is a 400, not a condition quietly dropped
public sealed record EscalationTeam([property: Id(0)] string Id, [property: Id(1)] string Name);

/// <summary>
/// Where incidents that fit <see cref="When"/> go: a team, and its levels — the first is who hears at once, each next
/// one hears when nobody acknowledged by its <see cref="EscalationLevel.After"/> (from the routing).
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.EscalationRoute")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt field is a 400, not a condition quietly dropped
public sealed record EscalationRoute
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>It matches when any of these does; none matches everything (the default route).</summary>
    [Id(1)] public IReadOnlyList<RouteCondition> When { get; init; } = [];

    [Id(2)] public required string Team { get; init; }
    [Id(3)] public IReadOnlyList<EscalationLevel> Levels { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("Incidents.EscalationLevel")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt field is a 400, not a condition quietly dropped
public sealed record EscalationLevel([property: Id(0)] string Name, [property: Id(1)] TimeSpan After);

/// <summary>What an incident must be for a route: every field given must hold (any value of a list will do).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.RouteCondition")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt field is a 400, not a condition quietly dropped
public sealed record RouteCondition
{
    [Id(0)] public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>ATT&amp;CK tactics, such as TA0010.</summary>
    [Id(1)] public IReadOnlyList<string> Tactics { get; init; } = [];

    [Id(2)] public Severity? MinSeverity { get; init; }
    [Id(3)] public int? MinCriticality { get; init; }
    [Id(4)] public IReadOnlyList<string> Zones { get; init; } = [];
    [Id(5)] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>True: only an incident with an intelligence hit.</summary>
    [Id(6)] public bool IntelHit { get; init; }
}

/// <summary>What routing reads of an incident.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.IncidentFacts")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt field is a 400, not a condition quietly dropped
public sealed record IncidentFacts
{
    [Id(0)] public IReadOnlyList<string> Categories { get; init; } = [];
    [Id(1)] public IReadOnlyList<string> Tactics { get; init; } = [];
    [Id(2)] public Severity Severity { get; init; }
    [Id(3)] public int? Criticality { get; init; }
    [Id(4)] public string? Zone { get; init; }
    [Id(5)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(6)] public int IntelHits { get; init; }
}

/// <summary>The policy a tenant starts with.</summary>
public static class EscalationPolicies
{
    private static readonly IReadOnlyList<EscalationLevel> Levels =
    [
        new("on-call analyst", TimeSpan.Zero),
        new("team lead", TimeSpan.FromMinutes(15)),
        new("security manager", TimeSpan.FromMinutes(30)),
    ];

    public static string Key(string tenant) => TenantScoped.Key(tenant, "escalation-policy");

    public static EscalationPolicy Default { get; } = new()
    {
        Version = 0,
        Teams =
        [
            new("soc", "Security operations"), new("endpoint", "Endpoint"), new("data-security", "Data security"), new("network", "Network"),
        ],
        Routes =
        [
            new() { Name = "data exfiltration", When = [new() { Categories = ["exfiltration"] }, new() { Tactics = ["TA0010"] }], Team = "data-security", Levels = Levels },
            new() { Name = "lateral movement", When = [new() { Categories = ["lateral-movement"] }, new() { Tactics = ["TA0008"] }], Team = "endpoint", Levels = Levels },
            new()
            {
                Name = "command and control",
                When = [new() { Categories = ["command-and-control"] }, new() { Tactics = ["TA0011"] }, new() { IntelHit = true }],
                Team = "network",
                Levels = Levels,
            },
            new() { Name = "default", Team = "soc", Levels = Levels },
        ],
    };
}
