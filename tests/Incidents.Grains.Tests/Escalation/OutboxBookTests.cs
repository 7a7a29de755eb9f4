using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;
using static Incidents.Grains.Tests.Escalation.WebhookDeliveryRulesTests;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>An outbox shard's rules without a cluster: once per event, one delivery per webhook of its team, retries, dead letters, bounds.</summary>
public sealed class OutboxBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly EscalationWebhookOptions Options = new()
    {
        MaxAttempts = 3, FirstRetry = TimeSpan.FromSeconds(1), MaxRetry = TimeSpan.FromSeconds(10), MaxInFlightPerWebhook = 2, MaxPending = 10, DeadLettersKept = 4,
    };

    private static WebhookEndpoint Hook(string id, string team) => new()
    {
        Id = id, Team = team, Url = $"https://{id}.example.com/", Format = WebhookFormat.Generic, Secret = "whsec-0123456789abcdef",
        UpdatedAt = Now, UpdatedBy = "admin",
    };

    private static readonly IReadOnlyList<WebhookEndpoint> Hooks = [Hook("a", "endpoint"), Hook("b", "endpoint"), Hook("c", "soc")];

    [Fact]
    public void An_event_is_taken_once_and_becomes_one_delivery_per_webhook_of_its_team()
    {
        var book = new OutboxBook(new OutboxState(), Options);
        Assert.True(book.Enqueue(Notice("inc-1:0"), Now));
        Assert.False(book.Enqueue(Notice("inc-1:0"), Now));
        book.Route(Hooks, Now);
        Assert.Equal(["a", "b"], book.State.Pending.Select(d => d.WebhookId).Order());
        Assert.Empty(book.State.Unrouted);

        // Remembered across a reload of the state, too.
        Assert.False(new OutboxBook(book.State, Options).Enqueue(Notice("inc-1:0"), Now));
    }

    [Fact]
    public void A_failed_attempt_is_due_again_after_its_backoff_and_dead_lettered_at_the_limit_then_replayed_afresh()
    {
        var book = new OutboxBook(new OutboxState(), Options);
        book.Enqueue(Notice(team: "soc"), Now);
        book.Route(Hooks, Now);
        var id = Assert.Single(book.Due(Now, [])).Id;

        Assert.True(book.Reported(new DeliveryReport(id, false, 500, "HTTP 500", false), Now, 0.5));
        Assert.Empty(book.Due(Now.AddMilliseconds(999), []));
        Assert.Single(book.Due(Now.AddSeconds(1), []));
        book.Reported(new DeliveryReport(id, false, 500, "HTTP 500", false), Now.AddSeconds(1), 0.5);
        Assert.Equal(Now.AddSeconds(3), book.State.Pending[0].NextAttemptAt);
        book.Reported(new DeliveryReport(id, false, 503, "HTTP 503", false), Now.AddSeconds(3), 0.5);

        Assert.Empty(book.State.Pending);
        var dead = Assert.Single(book.DeadLetters());
        Assert.Equal((id, 3, 503, "c"), (dead.Id, dead.Attempts, dead.LastStatus, dead.WebhookId));
        Assert.Contains("gave up after 3 attempts: HTTP 503", dead.LastError, StringComparison.Ordinal);

        Assert.Null(book.Replay("0000000000000000", Now));
        Assert.Equal(id, book.Replay(id, Now.AddMinutes(1))?.Id);
        Assert.Empty(book.DeadLetters());
        var again = Assert.Single(book.Due(Now.AddMinutes(1), []));
        Assert.Equal(0, again.Attempts);
        Assert.Equal("inc-1:0", again.Notice.EventId);
    }

    [Fact]
    public void A_refusal_a_receiver_will_repeat_is_dead_lettered_at_once_and_a_delivered_one_leaves()
    {
        var book = new OutboxBook(new OutboxState(), Options);
        book.Enqueue(Notice(), Now);
        book.Route(Hooks, Now);
        var (a, b) = (book.State.Pending[0].Id, book.State.Pending[1].Id);
        book.Reported(new DeliveryReport(a, false, 410, "HTTP 410", true), Now, 0.5);
        book.Reported(new DeliveryReport(b, true, 200, null, false), Now, 0.5);
        Assert.Empty(book.State.Pending);
        Assert.Equal("HTTP 410", Assert.Single(book.DeadLetters()).LastError);
        Assert.False(book.Reported(new DeliveryReport(b, true, 200, null, false), Now, 0.5));
    }

    [Fact]
    public void A_webhook_holds_at_most_its_in_flight_share_and_others_go_on()
    {
        var book = new OutboxBook(new OutboxState(), Options);
        for (var i = 0; i < 4; i++)
        {
            book.Enqueue(Notice($"inc-1:{i}"), Now);
        }

        book.Route([Hook("slow", "endpoint"), Hook("quick", "endpoint")], Now);
        var first = book.Due(Now, []);
        Assert.Equal(2, first.Count(d => d.WebhookId == "slow"));
        Assert.Equal(2, first.Count(d => d.WebhookId == "quick"));

        // The slow receiver's two are still out; the quick one answered: only the quick one's next are due.
        foreach (var quick in first.Where(d => d.WebhookId == "quick"))
        {
            book.Reported(new DeliveryReport(quick.Id, true, 200, null, false), Now, 0.5);
        }

        var inFlight = first.Where(d => d.WebhookId == "slow").Select(d => d.Id).ToList();
        Assert.All(book.Due(Now, inFlight), d => Assert.Equal("quick", d.WebhookId));
        Assert.Equal(2, book.Due(Now, inFlight).Count);
    }

    [Fact]
    public void A_full_outbox_dead_letters_its_oldest_and_keeps_only_the_newest_dead_letters()
    {
        var book = new OutboxBook(new OutboxState(), Options);
        for (var i = 0; i < 8; i++)
        {
            book.Enqueue(Notice($"inc-1:{i}"), Now);
            book.Route(Hooks, Now);
        }

        Assert.Equal(10, book.State.Pending.Count);
        Assert.Equal(4, book.DeadLetters().Count);
        Assert.All(book.DeadLetters(), d => Assert.Equal("outbox full", d.LastError));
        Assert.Equal(("inc-1:3", "inc-1:7"), (book.State.Pending[0].Notice.EventId, book.State.Pending[^1].Notice.EventId));
    }

    [Fact]
    public void An_event_for_a_team_without_webhooks_is_delivered_nowhere()
    {
        var book = new OutboxBook(new OutboxState(), Options);
        book.Enqueue(Notice(team: "network"), Now);
        book.Route(Hooks, Now);
        Assert.False(book.HasWork);
    }
}
