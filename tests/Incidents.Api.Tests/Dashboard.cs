using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>What the Orleans dashboard says of a running system: where grains are active.</summary>
internal static class Dashboard
{
    /// <summary>Polls until grains whose type contains <paramref name="grainType"/> are active on <paramref name="silos"/> silos; fails the test if they are not within <paramref name="within"/>.</summary>
    public static async Task AwaitActiveOn(IncidentsSystem system, string grainType, int silos, TimeSpan within, CancellationToken ct)
    {
        using var admin = system.CreateClient(TestKeys.InstallationAdmin);
        var holding = await Poll.Until(() => SilosHolding(admin, grainType, ct), s => s.Count >= silos, within);
        Assert.True(holding.Count >= silos, $"{grainType} active on {string.Join(", ", holding)} only, not on {silos} silos");
    }

    private static async Task<List<string>> SilosHolding(HttpClient admin, string grainType, CancellationToken ct)
    {
        var counters = await admin.GetFromJsonAsync<JsonObject>("/dashboard/DashboardCounters", ct);
        return counters?["simpleGrainStats"]?.AsArray()
            .Where(s => ((string?)s?["grainType"])?.Contains(grainType, StringComparison.Ordinal) == true && (int?)s?["activationCount"] > 0)
            .Select(s => (string?)s?["siloAddress"] ?? "")
            .Distinct()
            .ToList() ?? [];
    }
}
