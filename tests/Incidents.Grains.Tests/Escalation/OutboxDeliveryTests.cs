using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;
using Incidents.Grains.Tests.Enrichment;
using static Incidents.Grains.Tests.Escalation.WebhookDeliveryRulesTests;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>The outbox delivering to real local receivers: signed, retried, dead-lettered, replayed, and never held up by a slow one.</summary>
[Collection(EscalationClusterCollection.Name)]
public sealed class OutboxDeliveryTests(EscalationClusterFixture fixture)
{
    private const string Secret = "whsec-test-0123456789abcdef";

    private readonly string _tenant = $"ob-{Guid.NewGuid():N}"[..20];

    private IEscalationOutboxGrain Outbox(string incidentId) => fixture.Grains.GetGrain<IEscalationOutboxGrain>(EscalationOutbox.KeyOf(_tenant, incidentId));

    private async Task Hook(string id, TestReceiver receiver, WebhookFormat format = WebhookFormat.Generic) =>
        Assert.NotNull((await fixture.Grains.GetGrain<IEscalationWebhooksGrain>(EscalationWebhooks.Key(_tenant)).Put(new WebhookEndpoint
        {
            Id = id, Team = "endpoint", Url = receiver.Url, Format = format, Secret = receiver.Secret, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "test",
        })).Webhook);

    private static Task<int> Count(TestReceiver receiver, Func<Received, bool>? which = null) => Task.FromResult(receiver.Requests.Count(which ?? (_ => true)));

    [Fact]
    public async Task A_receiver_gets_each_event_once_signed_so_that_it_can_verify_it()
    {
        await using var receiver = new TestReceiver(Secret);
        await Hook("ops", receiver, WebhookFormat.Slack);

        await Outbox("inc-a").Enqueue(Notice("inc-a:0") with { IncidentId = "inc-a" });
        await Outbox("inc-a").Enqueue(Notice("inc-a:0") with { IncidentId = "inc-a" }); // handed again: nothing new
        await Outbox("inc-a").Enqueue(Notice("inc-a:1") with { IncidentId = "inc-a", Drill = true });

        Assert.Equal(2, await Poll.Until(() => Count(receiver), n => n >= 2));
        Assert.All(receiver.Requests, r => Assert.True(r.Verified));
        Assert.All(receiver.Requests, r => Assert.Equal("application/json", r.ContentType));
        Assert.Equal(["inc-a:0", "inc-a:1"], receiver.Requests.Select(r => r.EventId).Order());
        Assert.Contains("[DRILL]", receiver.Requests.Single(r => r.EventId == "inc-a:1").Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, string.Concat(receiver.Requests.Select(r => r.Body)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_on_the_third_attempt_with_the_same_event_id()
    {
        await using var receiver = new TestReceiver(Secret) { Answer = n => n <= 2 ? 500 : 200 };
        await Hook("flaky", receiver);

        await Outbox("inc-b").Enqueue(Notice("inc-b:0") with { IncidentId = "inc-b" });

        Assert.Equal(3, await Poll.Until(() => Task.FromResult(receiver.Answered), n => n >= 3));
        Assert.Equal(["inc-b:0", "inc-b:0", "inc-b:0"], receiver.Requests.Select(r => r.EventId));
        Assert.All(receiver.Requests, r => Assert.True(r.Verified));
        Assert.Empty(await Outbox("inc-b").DeadLetters());
    }

    [Fact]
    public async Task A_receiver_always_failing_is_dead_lettered_after_the_limit_and_a_replay_once_it_is_fixed_delivers()
    {
        await using var receiver = new TestReceiver(Secret) { Answer = _ => 500 };
        await Hook("down", receiver);
        await Outbox("inc-c").Enqueue(Notice("inc-c:0") with { IncidentId = "inc-c" });

        var dead = Assert.Single(await Poll.Until(() => Outbox("inc-c").DeadLetters(), d => d.Count > 0));
        Assert.Equal((EscalationClusterFixture.MaxAttempts, 500, "down", "inc-c:0"), (dead.Attempts, dead.LastStatus, dead.WebhookId, dead.EventId));
        Assert.Contains("HTTP 500", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(EscalationClusterFixture.MaxAttempts, receiver.Requests.Count);

        receiver.Answer = _ => 200;
        Assert.Equal(dead.Id, (await Outbox("inc-c").Replay(dead.Id))?.Id);
        Assert.Null(await Outbox("inc-c").Replay(dead.Id));

        Assert.Equal(EscalationClusterFixture.MaxAttempts + 1, await Poll.Until(() => Task.FromResult(receiver.Answered), n => n > EscalationClusterFixture.MaxAttempts));
        Assert.Equal("inc-c:0", receiver.Requests.Last().EventId);
        Assert.Empty(await Outbox("inc-c").DeadLetters());
    }

    [Fact]
    public async Task A_hanging_receiver_delays_neither_another_webhook_of_the_team_nor_enqueue()
    {
        await using var hanging = new TestReceiver(Secret) { Answer = _ => 0 };
        await using var quick = new TestReceiver(Secret);
        await Hook("hanging", hanging);
        await Hook("quick", quick);

        await Outbox("inc-d").Enqueue(Notice("inc-d:0") with { IncidentId = "inc-d" });
        await Poll.Until(() => Count(hanging), n => n >= 1);
        Assert.Equal(1, await Poll.Until(() => Count(quick), n => n >= 1));

        // The hanging request is still open (its deadline is a minute): the same shard takes and delivers the next event.
        await Outbox("inc-d").Enqueue(Notice("inc-d:1") with { IncidentId = "inc-d" });
        Assert.Equal(2, await Poll.Until(() => Count(quick), n => n >= 2));
        Assert.Equal(0, hanging.Answered);
        Assert.Equal(["inc-d:0", "inc-d:1"], quick.Requests.Select(r => r.EventId).Order());
    }
}
