using System.Security.Cryptography;
using Incidents.Contracts.Escalation;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Escalation;

/// <summary>
/// An outbox shard's rules, on its state (plain and synchronous; the grain adds storage, timers and the dispatcher):
/// events taken once each, fanned out to their team's webhooks, attempts scheduled with backoff, given up after the
/// limit, everything bounded.
/// </summary>
public sealed class OutboxBook(OutboxState state, EscalationWebhookOptions options)
{
    private readonly SeenKeys _seen = new(state.EventIds, Math.Max(1, options.EventIdsKept));

    public OutboxState State => state;

    public bool HasWork => state.Unrouted.Count > 0 || state.Pending.Count > 0;

    /// <summary>Deliveries given up by this instance so far (for the metrics).</summary>
    public long Buried { get; private set; }

    /// <summary>Takes an event; false when its id was taken before (nothing changes).</summary>
    public bool Enqueue(EscalationNotice notice, DateTimeOffset now)
    {
        if (_seen.Contains(notice.EventId))
        {
            return false;
        }

        _seen.Add(notice.EventId);
        state.Unrouted.Add(notice);
        Trim(now);
        return true;
    }

    /// <summary>Each event waiting becomes one delivery per webhook of its team (none: nothing to send).</summary>
    public void Route(IReadOnlyList<WebhookEndpoint> webhooks, DateTimeOffset now)
    {
        foreach (var notice in state.Unrouted)
        {
            foreach (var webhook in webhooks.Where(w => w.Team == notice.Team))
            {
                state.Pending.Add(new OutboxDelivery { Id = NewId(), Notice = notice, WebhookId = webhook.Id, NextAttemptAt = now });
            }
        }

        state.Unrouted.Clear();
        Trim(now);
    }

    /// <summary>Deliveries due now, not in flight, at most <see cref="EscalationWebhookOptions.MaxInFlightPerWebhook"/> in flight per webhook.</summary>
    public List<OutboxDelivery> Due(DateTimeOffset now, IReadOnlyCollection<string> inFlight)
    {
        var busy = state.Pending.Where(d => inFlight.Contains(d.Id)).CountBy(d => d.WebhookId).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var due = new List<OutboxDelivery>();
        foreach (var delivery in state.Pending.Where(d => d.NextAttemptAt <= now && !inFlight.Contains(d.Id)).OrderBy(d => d.NextAttemptAt))
        {
            var count = busy.GetValueOrDefault(delivery.WebhookId);
            if (count < options.MaxInFlightPerWebhook)
            {
                busy[delivery.WebhookId] = count + 1;
                due.Add(delivery);
            }
        }

        return due;
    }

    /// <summary>When the next delivery not in flight is due, if any.</summary>
    public DateTimeOffset? NextDue(IReadOnlyCollection<string> inFlight) =>
        state.Pending.Where(d => !inFlight.Contains(d.Id)).Select(d => (DateTimeOffset?)d.NextAttemptAt).Min();

    /// <summary>Applies an attempt's outcome; false when the delivery is no longer pending (dead-lettered meanwhile).</summary>
    public bool Reported(DeliveryReport report, DateTimeOffset now, double jitter)
    {
        var index = state.Pending.FindIndex(d => d.Id == report.DeliveryId);
        if (index < 0)
        {
            return false;
        }

        var delivery = state.Pending[index];
        delivery.Attempts++;
        delivery.LastStatus = report.Status;
        delivery.LastError = report.Error;
        if (report.Delivered)
        {
            state.Pending.RemoveAt(index);
        }
        else if (report.Permanent || delivery.Attempts >= options.MaxAttempts)
        {
            state.Pending.RemoveAt(index);
            Bury(delivery, now, report.Permanent ? report.Error ?? "refused" : $"gave up after {delivery.Attempts} attempts: {report.Error}");
        }
        else
        {
            delivery.NextAttemptAt = now + DeliveryBackoff.Delay(delivery.Attempts, options.FirstRetry, options.MaxRetry, jitter);
        }

        return true;
    }

    /// <summary>Gives a delivery up at once (its webhook was removed).</summary>
    public void Drop(string deliveryId, string reason, DateTimeOffset now)
    {
        var index = state.Pending.FindIndex(d => d.Id == deliveryId);
        if (index >= 0)
        {
            var delivery = state.Pending[index];
            state.Pending.RemoveAt(index);
            Bury(delivery, now, reason);
        }
    }

    /// <summary>Puts a dead letter back: due now, its attempts counted afresh. Null when there is none of that id.</summary>
    public DeadLetter? Replay(string id, DateTimeOffset now)
    {
        var index = state.Dead.FindIndex(d => d.Delivery.Id == id);
        if (index < 0)
        {
            return null;
        }

        var dead = state.Dead[index];
        state.Dead.RemoveAt(index);
        if (dead.Delivery.WebhookId.Length == 0)
        {
            state.Unrouted.Add(dead.Delivery.Notice);
        }
        else
        {
            state.Pending.Add(dead.Delivery with { Attempts = 0, NextAttemptAt = now });
        }

        Trim(now);
        return dead.ToView();
    }

    public IReadOnlyList<DeadLetter> DeadLetters() => [.. Enumerable.Reverse(state.Dead).Select(d => d.ToView())];

    /// <summary>Past the limit the oldest waiting work is given up, so that a receiver down for days cannot grow a shard without end.</summary>
    private void Trim(DateTimeOffset now)
    {
        while (state.Pending.Count + state.Unrouted.Count > Math.Max(1, options.MaxPending))
        {
            if (state.Pending.Count > 0)
            {
                var oldest = state.Pending[0];
                state.Pending.RemoveAt(0);
                Bury(oldest, now, "outbox full");
            }
            else
            {
                var notice = state.Unrouted[0];
                state.Unrouted.RemoveAt(0);
                Bury(new OutboxDelivery { Id = NewId(), Notice = notice, WebhookId = "" }, now, "outbox full");
            }
        }
    }

    private void Bury(OutboxDelivery delivery, DateTimeOffset now, string reason)
    {
        Buried++;
        state.Dead.Add(new OutboxDeadDelivery(delivery, now, reason));
        if (state.Dead.Count > Math.Max(1, options.DeadLettersKept))
        {
            state.Dead.RemoveRange(0, state.Dead.Count - options.DeadLettersKept);
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
