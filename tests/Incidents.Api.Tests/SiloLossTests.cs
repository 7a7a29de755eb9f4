using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Its own system of two silos, one of which it kills.</summary>
[Collection(AloneCollection.Name)]
public sealed class SiloLossTests : IAsyncLifetime
{
    private IncidentsSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await IncidentsSystem.StartAsync(silos: 2);

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Killing_one_of_two_silos_leaves_the_API_answering_and_taking_alerts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ingest = _system.CreateClient(TestKeys.Ingest);
        using var analyst = _system.CreateClient(TestKeys.Analyst);
        // Hosts on both silos, so that the killed one holds activations.
        var before = Enumerable.Range(0, 20).Select(i => $"before-{i}-{Guid.NewGuid():N}"[..20]).ToArray();
        var batch = new System.Text.Json.Nodes.JsonArray([.. before.Select(h => Json.NativeAlert(h))]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/v1/alerts", Json.Body(batch), ct)).StatusCode);

        await _system.Silos[1].KillAsync();

        // Until the cluster declares the silo dead, calls to grains that lived on it fail with 503; then they move.
        var after = $"after-{Guid.NewGuid():N}"[..20];
        var posted = await Poll.Until(
            () => ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(after)), ct),
            r => r.StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var health = await analyst.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var list = await Poll.Until(
            () => analyst.GetAsync($"/api/v1/incidents?host={after}", ct),
            r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));
        Assert.Single(await Json.Items(list));
    }
}
