using System.Net;
using System.Text.Json;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>Signing, bodies, backoff and the URL rule as plain code.</summary>
public sealed class WebhookDeliveryRulesTests
{
    private const string Secret = "whsec-0123456789abcdef";

    internal static EscalationNotice Notice(string eventId = "inc-1:0", bool drill = false, string team = "endpoint") => new()
    {
        EventId = eventId,
        Kind = EscalationEventKind.Escalated,
        IncidentId = "inc-1",
        Title = "Lateral movement from ws-17 to dc-1",
        Severity = Severity.High,
        Team = team,
        Level = "team lead",
        LevelIndex = 1,
        Deadline = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero),
        Reason = "not acknowledged within 15 min: team lead",
        At = new DateTimeOffset(2026, 12, 6, 9, 15, 0, TimeSpan.Zero),
        Drill = drill,
        Route = "lateral movement",
        Categories = ["lateral-movement"],
    };

    [Fact]
    public void The_signature_is_hex_hmac_sha256_of_timestamp_dot_body_under_the_secret()
    {
        // Computed apart: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec-0123456789abcdef', b'1700000000.{\"eventId\":\"inc-1:0\"}', hashlib.sha256).hexdigest())"
        Assert.Equal("v1=b6fca73e66ea08afe4294eec2c2530a876b7310f5670b4eb4462fcb64b7a057a",
            WebhookSignature.Sign(Secret, 1_700_000_000, "{\"eventId\":\"inc-1:0\"}"));
    }

    [Fact]
    public void Verify_takes_a_good_signature_and_refuses_another_body_secret_or_an_old_timestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_100);
        var signature = WebhookSignature.Sign(Secret, 1_700_000_000, "{}");
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(WebhookSignature.Verify(Secret, "1700000000", signature, "{}", now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "1700000000", signature, "{ }", now, tolerance));
        Assert.False(WebhookSignature.Verify("another-secret-0123456", "1700000000", signature, "{}", now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "1700000000", signature, "{}", now.AddMinutes(10), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "17e8", signature, "{}", now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "1700000000", null, "{}", now, tolerance));
    }

    [Theory]
    [InlineData(WebhookFormat.Generic)]
    [InlineData(WebhookFormat.Slack)]
    [InlineData(WebhookFormat.Teams)]
    public void Each_format_is_valid_json_that_says_what_happened_and_a_drill_says_so(WebhookFormat format)
    {
        var real = WebhookBodies.Build(Notice(), format);
        var drill = WebhookBodies.Build(Notice(drill: true), format);
        using var realJson = JsonDocument.Parse(real);
        using var drillJson = JsonDocument.Parse(drill);
        Assert.Contains("Lateral movement from ws-17 to dc-1", real, StringComparison.Ordinal);
        Assert.DoesNotContain("[DRILL]", real, StringComparison.Ordinal);
        Assert.Contains("[DRILL]", drill, StringComparison.Ordinal);
        switch (format)
        {
            case WebhookFormat.Generic:
                Assert.False(realJson.RootElement.GetProperty("drill").GetBoolean());
                Assert.True(drillJson.RootElement.GetProperty("drill").GetBoolean());
                Assert.StartsWith("[DRILL]", drillJson.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
                Assert.Equal("inc-1:0", realJson.RootElement.GetProperty("eventId").GetString());
                Assert.Equal("escalated", realJson.RootElement.GetProperty("kind").GetString());
                break;
            case WebhookFormat.Slack:
                Assert.StartsWith("[DRILL]", drillJson.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.All(drillJson.RootElement.GetProperty("blocks").EnumerateArray(),
                    b => Assert.Contains("[DRILL]", b.GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal));
                break;
            case WebhookFormat.Teams:
                var card = drillJson.RootElement.GetProperty("attachments")[0];
                Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
                Assert.Equal("AdaptiveCard", card.GetProperty("content").GetProperty("type").GetString());
                Assert.All(card.GetProperty("content").GetProperty("body").EnumerateArray(),
                    b => Assert.Contains("[DRILL]", b.GetProperty("text").GetString(), StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public void No_secret_is_in_a_body_nor_in_a_webhook_s_text_form()
    {
        var webhook = new WebhookEndpoint
        {
            Id = "pager", Team = "soc", Url = "https://hooks.example.com/x", Format = WebhookFormat.Slack, Secret = Secret,
            UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "admin",
        };
        Assert.DoesNotContain(Secret, webhook.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new DeliveryWork("0123456789abcdef", Notice(), webhook.Url, webhook.Format, Secret).ToString(), StringComparison.Ordinal);
        Assert.True(webhook.ToView().SecretSet);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(webhook.ToView()), StringComparison.Ordinal);
        foreach (var format in Enum.GetValues<WebhookFormat>())
        {
            Assert.DoesNotContain(Secret, WebhookBodies.Build(Notice() with { Reason = "x" }, format), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Backoff_doubles_from_the_first_retry_up_to_the_cap_within_twenty_percent_of_jitter()
    {
        var first = TimeSpan.FromSeconds(1);
        var cap = TimeSpan.FromMinutes(5);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(1, 11).Select(n => DeliveryBackoff.Delay(n, first, cap, 0.5).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(3.2), DeliveryBackoff.Delay(3, first, cap, 0));
        Assert.True(DeliveryBackoff.Delay(3, first, cap, 0.999) < TimeSpan.FromSeconds(4.8));
        Assert.Equal(cap, DeliveryBackoff.Delay(40, first, cap, 0.999));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/x", null)]
    [InlineData("http://receiver.example.com:8080/incidents", null)]
    [InlineData("ftp://receiver.example.com/", "absolute http or https")]
    [InlineData("/relative", "absolute http or https")]
    [InlineData("https://user:pass@receiver.example.com/", "user name or password")]
    [InlineData("http://127.0.0.1:9000/", "internal host")]
    [InlineData("http://localhost/", "internal host")]
    [InlineData("http://[::1]/", "internal host")]
    [InlineData("http://10.1.2.3/", "internal host")]
    [InlineData("http://172.20.0.1/", "internal host")]
    [InlineData("http://192.168.1.1/", "internal host")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "internal host")]
    [InlineData("http://metadata.google.internal/", "internal host")]
    [InlineData("http://2130706433/", "internal host")]
    [InlineData("http://[::ffff:10.0.0.1]/", "internal host")]
    [InlineData("http://[fd00::1]/", "internal host")]
    [InlineData("http://intranet/", "internal host")]
    public void A_webhook_url_is_absolute_http_without_user_info_and_not_internal(string url, string? problem)
    {
        var found = WebhookUrls.Problem(url, allowPrivateNetworks: false);
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Private_networks_are_taken_only_when_allowed_and_a_long_url_never()
    {
        Assert.Null(WebhookUrls.Problem("http://127.0.0.1:9000/hook", allowPrivateNetworks: true));
        Assert.NotNull(WebhookUrls.Problem("https://example.com/" + new string('a', 2_000), allowPrivateNetworks: true));
        Assert.True(WebhookUrls.IsAllowed(IPAddress.Parse("127.0.0.1"), allowPrivateNetworks: true));
        Assert.False(WebhookUrls.IsAllowed(IPAddress.Parse("169.254.169.254"), allowPrivateNetworks: false));
        Assert.False(WebhookUrls.IsAllowed(IPAddress.Parse("100.64.0.1"), allowPrivateNetworks: false));
        Assert.True(WebhookUrls.IsAllowed(IPAddress.Parse("93.184.216.34"), allowPrivateNetworks: false));
        Assert.True(WebhookUrls.IsAllowed(IPAddress.Parse("2606:4700::1111"), allowPrivateNetworks: false));
    }

    [Fact]
    public async Task At_send_time_a_name_or_address_that_resolves_inside_is_refused_before_any_connection()
    {
        await Assert.ThrowsAsync<RefusedAddressException>(async () =>
            await WebhookSender.Connect(new DnsEndPoint("localhost", 9), allowPrivateNetworks: false, CancellationToken.None));
        await Assert.ThrowsAsync<RefusedAddressException>(async () =>
            await WebhookSender.Connect(new DnsEndPoint("169.254.169.254", 80), allowPrivateNetworks: false, CancellationToken.None));
    }
}
