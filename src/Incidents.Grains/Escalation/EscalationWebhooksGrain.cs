using Incidents.Contracts.Escalation;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>
/// A tenant's webhooks (<see cref="IEscalationWebhooksGrain"/>): a short list, each change written before its answer.
/// Its outbox shards read it with the secrets (<see cref="IWebhookTargetsGrain"/>); the API only ever sees views.
/// </summary>
public sealed class EscalationWebhooksGrain(
    [PersistentState("escalation-webhooks", StorageNames.Lists)] IPersistentState<WebhooksState> state,
    IOptions<CorrelationOptions> options) : WriteBehindGrain<WebhooksState>(state, options.Value.StateWriteDelay), IEscalationWebhooksGrain, IWebhookTargetsGrain
{
    public Task<WebhookSet> List() => Task.FromResult(new WebhookSet(State.Version, [.. State.Webhooks.Select(w => w.ToView())]));

    public Task<IReadOnlyList<WebhookEndpoint>> Targets() => Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. State.Webhooks]);

    public async Task<WebhookChange> Put(WebhookEndpoint webhook)
    {
        var index = State.Webhooks.FindIndex(w => w.Id == webhook.Id);
        if (WebhookLimits.Refusal(State.Webhooks, webhook) is { } refused)
        {
            return new WebhookChange(null, false, refused);
        }

        if (index < 0)
        {
            State.Webhooks.Add(webhook);
        }
        else
        {
            State.Webhooks[index] = webhook;
        }

        State.Version++;
        await WriteNow();
        return new WebhookChange(webhook.ToView(), index < 0, null);
    }

    public async Task<WebhookView?> Remove(string id)
    {
        var index = State.Webhooks.FindIndex(w => w.Id == id);
        if (index < 0)
        {
            return null;
        }

        var removed = State.Webhooks[index];
        State.Webhooks.RemoveAt(index);
        State.Version++;
        await WriteNow();
        return removed.ToView();
    }
}

[GenerateSerializer, Alias("Incidents.WebhooksState")]
public sealed record WebhooksState
{
    [Id(0)] public List<WebhookEndpoint> Webhooks { get; set; } = [];
    [Id(1)] public long Version { get; set; }
}

/// <summary>How many webhooks a tenant and a team may have: a put past either is refused, nothing stored.</summary>
public static class WebhookLimits
{
    public static string? Refusal(IReadOnlyList<WebhookEndpoint> webhooks, WebhookEndpoint put)
    {
        var others = webhooks.Where(w => w.Id != put.Id).ToList();
        if (others.Count >= EscalationWebhooks.MaxPerTenant)
        {
            return $"A tenant holds at most {EscalationWebhooks.MaxPerTenant} webhooks; remove some first.";
        }

        return others.Count(w => w.Team == put.Team) >= EscalationWebhooks.MaxPerTeam
            ? $"A team holds at most {EscalationWebhooks.MaxPerTeam} webhooks; remove some of team '{put.Team}' first."
            : null;
    }
}
