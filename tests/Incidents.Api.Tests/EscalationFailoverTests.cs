using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// An escalation clock through the loss of the silo holding its incidents: the deadline is in their state, and the
/// reminder in Azure Table storage wakes them on the silo that is left. Nothing touches the incidents after the kill,
/// so only the reminder can bring them back; each is escalated once, neither lost nor doubled.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class EscalationFailoverTests : IAsyncLifetime
{
    private IncidentsSystem _system = null!;

    public async ValueTask InitializeAsync() =>
        _system = await IncidentsSystem.StartAsync(silos: 2, apiSettings: EscalationTests.Settings, siloSettings: EscalationTests.Settings);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Killing_the_silo_holding_incidents_delays_their_escalation_and_never_loses_or_doubles_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new WebhookReceiver(EscalationTests.Secret);
        using var admin = _system.CreateClient(TestKeys.Admin);
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        await EscalationTests.Subscribe(admin, receiver, ct);
        var run = Guid.NewGuid().ToString("N")[..8];
        var toLead = TimeSpan.FromSeconds(30);
        await EscalationTests.UseLevels(_system, run, [toLead], ct);

        var hosts = Enumerable.Range(0, 12).Select(i => $"held-{run}-{i}").ToArray();
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts",
            Json.Body(new JsonArray([.. hosts.Select(h => (JsonNode)EscalationTests.Alert(h, "Credential dumping", "T1003.001"))])), ct)).StatusCode);
        var ids = new List<string>();
        foreach (var host in hosts)
        {
            ids.Add(await EscalationTests.IncidentOf(analyst, host, ct));
        }

        var routed = await Poll.Until(() => Task.FromResult(ids.Count(id => receiver.Of(id).Any(d => d.Kind == "routed"))), n => n == ids.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(ids.Count, routed);
        var killedAt = DateTimeOffset.UtcNow;
        await (await Dashboard.BusiestSilo(_system, "IncidentGrain", TimeSpan.FromSeconds(10), ct)).KillAsync();

        // Within the deadline, the failover (the cluster declaring the silo dead) and the reminder's period (a minute).
        var escalated = await Poll.Until(
            () => Task.FromResult(ids.Count(id => receiver.Of(id).Any(d => d.Kind == "escalated"))),
            n => n == ids.Count, toLead + TimeSpan.FromMinutes(3));
        Assert.True(escalated == ids.Count, $"{escalated} of {ids.Count} incidents escalated since the kill at {killedAt:O}");
        foreach (var id in ids)
        {
            var taken = receiver.Of(id);
            Assert.Single(taken.Where(d => d.Kind == "escalated").Select(d => d.EventId).Distinct());
            Assert.Equal("team lead", taken.First(d => d.Kind == "escalated").Level);
        }

        var view = await Json.Read(await analyst.GetAsync($"/api/v1/incidents/{ids[0]}?alerts=0", ct));
        Assert.Equal(1, (int)view["escalation"]!["level"]!);
        Assert.Single(view["escalation"]!["steps"]!.AsArray(), s => (string)s!["kind"]! == "escalated");
    }
}
