using System.Text;
using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;
using Incidents.Grains.Tests.Enrichment;
using static Incidents.Grains.Tests.Escalation.WebhookDeliveryRulesTests;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>
/// What storage holds of a webhook (issue 17): its secret sealed, never in plain text, whether it was put now or
/// stored in plain text before sealing; deliveries are signed with it all the same.
/// </summary>
[Collection(EscalationClusterCollection.Name)]
public sealed class WebhookSecretStorageTests(EscalationClusterFixture fixture)
{
    private const string StateName = "escalation-webhooks";

    private readonly string _tenant = $"sk-{Guid.NewGuid():N}"[..20];

    private string Key => EscalationWebhooks.Key(_tenant);

    private IEscalationWebhooksGrain Webhooks => fixture.Grains.GetGrain<IEscalationWebhooksGrain>(Key);

    private static WebhookEndpoint Endpoint(string id, TestReceiver receiver) => new()
    {
        Id = id, Team = "endpoint", Url = receiver.Url, Format = WebhookFormat.Generic, Secret = receiver.Secret,
        UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "test",
    };

    [Fact]
    public async Task A_put_secret_is_stored_sealed_and_deliveries_are_signed_with_it()
    {
        const string secret = "whsec-at-rest-0123456789abcdef";
        await using var receiver = new TestReceiver(secret);

        Assert.NotNull((await Webhooks.Put(Endpoint("pager", receiver))).Webhook);
        Assert.NotNull((await Webhooks.Put(Endpoint("pager", receiver) with { Format = WebhookFormat.Slack })).Webhook); // replaced

        AssertHoldsNo(secret);
        var stored = fixture.Lists.Stored<WebhooksState>(fixture.Serializer, StateName, Key)!;
        Assert.Empty(stored.Webhooks);
        Assert.Equal(WebhookFormat.Slack, Assert.Single(stored.Sealed).Format);
        Assert.True(Assert.Single((await Webhooks.List()).Webhooks).SecretSet);

        await Deliver("inc-s", receiver);
    }

    [Fact]
    public async Task A_secret_stored_in_plain_text_before_sealing_still_signs_and_is_sealed_when_next_written()
    {
        const string secret = "whsec-legacy-0123456789abcdef";
        await using var receiver = new TestReceiver(secret);
        fixture.Lists.Put(fixture.Serializer, StateName, Key, new WebhooksState { Webhooks = [Endpoint("legacy", receiver)], Version = 3 });

        var listed = await Webhooks.List();
        Assert.Equal(3, listed.Version);
        Assert.True(Assert.Single(listed.Webhooks).SecretSet);
        await Deliver("inc-l", receiver);

        await using var other = new TestReceiver("whsec-other-0123456789abcdef");
        Assert.NotNull((await Webhooks.Put(Endpoint("other", other))).Webhook);

        AssertHoldsNo(secret);
        AssertHoldsNo(other.Secret);
        var stored = fixture.Lists.Stored<WebhooksState>(fixture.Serializer, StateName, Key)!;
        Assert.Empty(stored.Webhooks);
        Assert.Equal(["legacy", "other"], stored.Sealed.Select(w => w.Id));
        await Deliver("inc-m", receiver);
    }

    private async Task Deliver(string incidentId, TestReceiver receiver)
    {
        var before = receiver.Requests.Count;
        await fixture.Grains.GetGrain<IEscalationOutboxGrain>(EscalationOutbox.KeyOf(_tenant, incidentId))
            .Enqueue(Notice($"{incidentId}:0") with { IncidentId = incidentId });

        await Poll.Until(() => Task.FromResult(receiver.Requests.Count), n => n > before);
        Assert.All(receiver.Requests, r => Assert.True(r.Verified));
    }

    /// <summary>The stored bytes hold the secret in no form a reader of storage could pick out.</summary>
    private void AssertHoldsNo(string secret)
    {
        var bytes = fixture.Lists.Bytes(StateName, Key);
        Assert.NotNull(bytes);
        foreach (var form in new[] { Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret), Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))) })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(form));
        }

        Assert.DoesNotContain(secret, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }
}
