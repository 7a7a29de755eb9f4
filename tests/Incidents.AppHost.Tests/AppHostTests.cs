using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.AppHost.Tests;

/// <summary>The whole system as an operator runs it: Azurite, two silos and the API, started by the AppHost.</summary>
public sealed class AppHostTests
{
    private const string IngestKey = "inc_dev_ingest_5b1f0c7e2a9d4c38";
    private const string AnalystKey = "inc_dev_analyst_8e3a61d4b7c2f095";
    private const string AdminKey = "inc_dev_admin_c94e2b70a1f83d56";

    [Fact]
    public async Task The_AppHost_runs_two_silos_and_an_alert_posted_to_the_API_becomes_an_incident()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("incidents-apphost-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Incidents_AppHost>(
                ["--azurite-data", data.FullName], ct);
            await using var app = await builder.BuildAsync(ct);
            await app.StartAsync(ct);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);

            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var silo = model.Resources.OfType<ProjectResource>().Single(r => r.Name == "silo");
            Assert.Equal(2, silo.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);

            // Both replicas run and join the cluster, as the Orleans dashboard (admins only) sees it: configured
            // replicas once shared an HTTP port, and the second died unseen.
            using var http = app.CreateHttpClient("api");
            var active = 0;
            while (active < 2)
            {
                using var counters = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
                counters.Headers.Add("X-Api-Key", AdminKey);
                var answer = await http.SendAsync(counters, timeout.Token);
                var hosts = answer.IsSuccessStatusCode
                    ? (await answer.Content.ReadFromJsonAsync<JsonObject>(timeout.Token))?["hosts"]?.AsArray()
                    : null;
                active = hosts?.Count(h => (string?)h?["status"] == "Active") ?? 0;
                if (active < 2)
                {
                    await Task.Delay(250, timeout.Token);
                }
            }

            var host = $"ws-{Guid.NewGuid():N}"[..16];
            var alert = new JsonObject
            {
                ["source"] = "edr-test",
                ["sourceId"] = "apphost-1",
                ["time"] = "2026-11-27T09:30:00Z",
                ["title"] = "Ransomware note written",
                ["severity"] = "critical",
                ["host"] = host,
            };
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts")
            {
                Content = new StringContent(alert.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            post.Headers.Add("X-Api-Key", IngestKey);
            var posted = await http.SendAsync(post, timeout.Token);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/incidents?host={host}");
            get.Headers.Add("X-Api-Key", AnalystKey);
            var page = await (await http.SendAsync(get, timeout.Token)).Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            var incident = Assert.Single(page!["items"]!.AsArray())!;
            Assert.Equal("critical", (string)incident["severity"]!);
            Assert.Equal(1, (int)incident["alertCount"]!);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
