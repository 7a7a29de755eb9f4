using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Each tool's own output, posted as that tool writes it, through the front door.</summary>
[Collection(SystemCollection.Name)]
public sealed class FormatTests(SystemFixture fixture)
{
    [Theory]
    [InlineData("ocsf/prowler-aws-detection-finding.json", "application/json", 5)]
    [InlineData("ocsf/prowler-azure-detection-finding.json", "application/json", 5)]
    [InlineData("ecs-alerts/kibana-8.8-endpoint-security-alert.ndjson", "application/x-ndjson", 1)]
    [InlineData("ecs-alerts/kibana-8.0-indicator-match-alerts.ndjson", "application/x-ndjson", 2)]
    [InlineData("zeek/brim-wrccdc-2018/notice.ndjson", "application/x-ndjson", 104)]
    [InlineData("zeek/otrf-apt29-day1/NASHUA_notice.log", "application/x-ndjson", 1)]
    public async Task A_tools_alert_file_is_taken_as_it_is(string file, string contentType, int alerts)
    {
        var ct = TestContext.Current.CancellationToken;
        var body = await File.ReadAllBytesAsync(SharedData.Path(file), ct);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);

        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", content, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Empty(result["rejected"]!.AsArray());
        Assert.Equal(alerts, (int)result["accepted"]! + (int)result["duplicates"]!);
    }

    [Fact]
    public async Task An_ECS_alert_lands_on_its_host_with_its_rule_and_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = await File.ReadAllTextAsync(SharedData.Path("ecs-alerts/kibana-8.8-endpoint-security-alert.ndjson"), ct);
        await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(body, "application/x-ndjson"), ct);

        var host = await Json.Read(await fixture.Analyst.GetAsync("/api/v1/hosts/host-fwarau82er", ct));
        var alert = host["recentAlerts"]!.AsArray().Single()!;
        Assert.Equal("elastic", (string)alert["source"]!);
        Assert.Equal("Endpoint Security", (string)alert["title"]!);
        Assert.Equal("user1", (string)alert["user"]!);
        Assert.NotNull(host["openIncidentId"]);
    }

    [Fact]
    public async Task Zeek_context_logs_sent_as_alerts_are_refused_with_the_place_to_send_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = await File.ReadAllTextAsync(SharedData.Path("zeek/brim-wrccdc-2018/smb_mapping.ndjson"), ct);
        var result = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(body, "application/x-ndjson"), ct));
        Assert.Equal(0, (int)result["accepted"]!);
        Assert.All(result["rejected"]!.AsArray(), r => Assert.Contains("/api/v1/events", (string)r!["error"]!, StringComparison.Ordinal));
    }
}
