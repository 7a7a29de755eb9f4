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

    /// <summary>
    /// The silo holding the most activations of <paramref name="grainType"/>, polled until one holds any. Tests that kill a
    /// silo to lose grains kill this one: the activation rebalancer may have gathered every such grain on one silo.
    /// </summary>
    public static async Task<ServiceProcess> BusiestSilo(IncidentsSystem system, string grainType, TimeSpan within, CancellationToken ct)
    {
        using var admin = system.CreateClient(TestKeys.InstallationAdmin);
        var counts = await Poll.Until(() => Activations(admin, grainType, ct), c => c.Count > 0, within);
        Assert.True(counts.Count > 0, $"no {grainType} active within {within}");
        var busiest = counts.MaxBy(c => c.Value).Key;
        var port = int.Parse(busiest.Split('@')[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
        return system.SiloOnPort(port) ?? throw new InvalidOperationException($"{busiest} is not a silo this system started");
    }

    private static async Task<Dictionary<string, int>> Activations(HttpClient admin, string grainType, CancellationToken ct)
    {
        var counters = await admin.GetFromJsonAsync<JsonObject>("/dashboard/DashboardCounters", ct);
        return (counters?["simpleGrainStats"]?.AsArray() ?? [])
            .Where(s => ((string?)s?["grainType"])?.Contains(grainType, StringComparison.Ordinal) == true && (int?)s?["activationCount"] > 0)
            .GroupBy(s => (string?)s?["siloAddress"] ?? "")
            .ToDictionary(g => g.Key, g => g.Sum(s => (int)s!["activationCount"]!));
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
