using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Incidents.Contracts.Escalation;

namespace Incidents.Api.Escalation;

/// <summary>
/// The alerts a drill posts, as native alerts a sensor would send, so that they are normalised, triaged, correlated,
/// enriched, routed and escalated as real ones. Their hosts are the drill's own (<c>drill-{id}-…</c>), so every incident
/// title names one; every notice says <c>[DRILL]</c>.
/// </summary>
internal static class DrillAlerts
{
    public static IReadOnlyList<string> Hosts(string id, DrillScenario scenario) => scenario switch
    {
        DrillScenario.LateralMovement => [Drills.Host(id, "ws1"), Drills.Host(id, "fs1")],
        _ => [Drills.Host(id, "ws1")],
    };

    public static IReadOnlyList<ReadOnlyMemory<byte>> For(string id, DrillScenario scenario, DateTimeOffset now)
    {
        var hosts = Hosts(id, scenario);
        JsonObject Alert(int n, string title, string technique, string rule, JsonObject? dst = null) => new()
        {
            ["source"] = "drill",
            ["sourceId"] = $"drill-{id}-{n}",
            ["time"] = now.AddSeconds(n - 3).ToString("O", CultureInfo.InvariantCulture),
            ["title"] = title, // every notice says [DRILL]; the host names say drill
            ["ruleId"] = rule,
            ["severity"] = "high",
            ["technique"] = technique,
            ["host"] = hosts[0],
            ["dst"] = dst,
        };

        JsonObject[] alerts = scenario switch
        {
            DrillScenario.LateralMovement =>
            [
                Alert(1, "LSASS memory read by rundll32", "T1003.001", "drill-credential-dumping"),
                Alert(2, "Service installed remotely over SMB", "T1021.002", "drill-remote-service", new JsonObject { ["hostName"] = hosts[1], ["port"] = 445 }),
            ],
            _ =>
            [
                Alert(1, "Large outbound transfer to an outside host", "T1048", "drill-large-outbound", new JsonObject { ["ip"] = "192.0.2.10", ["port"] = 443 }),
            ],
        };

        return [.. alerts.Select(a => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(a.ToJsonString()))];
    }
}
