using System.Text.RegularExpressions;
using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Escalation;

/// <summary>What a drill plays: a chain an attacker runs, posted through the real front door.</summary>
public enum DrillScenario
{
    /// <summary>Credentials dumped on a workstation, then a service installed remotely on a file server (TA0008): the endpoint team's.</summary>
    LateralMovement,

    /// <summary>A large transfer out to an outside host (TA0010): the data-security team's.</summary>
    Exfiltration,
}

/// <summary>A drill as started: its hosts (named <c>drill-{id}-…</c>, so they meet no real host) and when it ends.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.DrillPlan")]
public sealed record DrillPlan(
    [property: Id(0)] string Id,
    [property: Id(1)] DrillScenario Scenario,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] IReadOnlyList<string> Hosts,
    [property: Id(4)] DateTimeOffset EndsAt,
    [property: Id(5)] string StartedBy);

/// <summary>A drill and what became of it: the incident its alerts opened, and whether it has ended (its incident resolved).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.DrillRecord")]
public sealed record DrillRecord(
    [property: Id(0)] DrillPlan Plan,
    [property: Id(1)] string? IncidentId,
    [property: Id(2)] DateTimeOffset? EndedAt);

/// <summary>
/// One drill of one tenant, keyed <see cref="Drills.Key"/>: it keeps the plan, and at its end (or when told) resolves the
/// incident its alerts opened. Calls its hosts (read) and its incident; neither ever calls a drill.
/// </summary>
[Alias("Incidents.IDrillGrain")]
public interface IDrillGrain : IGrainWithStringKey
{
    /// <summary>Keeps the plan, written before it returns; false when this drill was started already.</summary>
    [Alias("Start")]
    Task<bool> Start(DrillPlan plan);

    /// <summary>Resolves its incident (benign, "drill ended") and ends the drill; idempotent. Null for no such drill.</summary>
    [Alias("Finish")]
    Task<DrillRecord?> Finish(string actor);

    /// <summary>The drill, with its incident once its alerts opened one; null for no such drill.</summary>
    [Alias("Find")]
    Task<DrillRecord?> Find();
}

public static partial class Drills
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);

    public static string Key(string tenant, string id) => TenantScoped.Key(tenant, $"drill-{id}");

    /// <summary>12 lower-case hex digits: made by the server, checked exactly before it becomes a key.</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string Host(string id, string role) => $"drill-{id}-{role}";

    [GeneratedRegex("^[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
