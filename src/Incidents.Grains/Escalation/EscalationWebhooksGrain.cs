using Incidents.Contracts.Escalation;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>
/// A tenant's webhooks (<see cref="IEscalationWebhooksGrain"/>): a short list, each change written before its answer.
/// Secrets are held sealed, in memory as in storage (<see cref="StoredWebhooks"/>); they are opened only for its
/// outbox shards (<see cref="IWebhookTargetsGrain"/>), and the API only ever sees views.
/// </summary>
public sealed partial class EscalationWebhooksGrain(
    [PersistentState("escalation-webhooks", StorageNames.Lists)] IPersistentState<WebhooksState> state,
    IOptions<CorrelationOptions> options,
    WebhookSecretBox box,
    ILogger<EscalationWebhooksGrain> logger) : WriteBehindGrain<WebhooksState>(state, options.Value.StateWriteDelay), IEscalationWebhooksGrain, IWebhookTargetsGrain
{
    private StoredWebhooks _stored = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _stored = new StoredWebhooks(box, TenantScoped.Split(this.GetPrimaryKeyString()).Tenant);

        // State from before sealing, or sealed under a previous key: sealed anew at once, and written behind.
        if (_stored.Refresh(State))
        {
            await StateChanged();
        }
    }

    public Task<WebhookSet> List() => Task.FromResult(new WebhookSet(State.Version, [.. State.Sealed.Select(w => w.ToView())]));

    public Task<IReadOnlyList<WebhookEndpoint>> Targets()
    {
        var targets = new List<WebhookEndpoint>(State.Sealed.Count);
        foreach (var webhook in State.Sealed)
        {
            if (_stored.TryOpen(webhook) is { } open)
            {
                targets.Add(open);
            }
            else
            {
                LogSecretUnopened(logger, this.GetPrimaryKeyString(), webhook.Id, webhook.Secret.KeyId);
            }
        }

        return Task.FromResult<IReadOnlyList<WebhookEndpoint>>(targets);
    }

    public async Task<WebhookChange> Put(WebhookEndpoint webhook)
    {
        var index = State.Sealed.FindIndex(w => w.Id == webhook.Id);
        if (WebhookLimits.Refusal([.. State.Sealed.Select(w => (w.Id, w.Team))], webhook) is { } refused)
        {
            return new WebhookChange(null, false, refused);
        }

        var stored = _stored.Seal(webhook);
        if (index < 0)
        {
            State.Sealed.Add(stored);
        }
        else
        {
            State.Sealed[index] = stored;
        }

        State.Version++;
        _ = _stored.Refresh(State); // the others still under a previous key go re-sealed with this write
        await WriteNow();
        return new WebhookChange(stored.ToView(), index < 0, null);
    }

    public async Task<WebhookView?> Remove(string id)
    {
        var index = State.Sealed.FindIndex(w => w.Id == id);
        if (index < 0)
        {
            return null;
        }

        var removed = State.Sealed[index];
        State.Sealed.RemoveAt(index);
        State.Version++;
        _ = _stored.Refresh(State);
        await WriteNow();
        return removed.ToView();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhooks {Grain}: the secret of webhook {Webhook} (key {KeyId}) does not open, and it is left out of deliveries: a removed previous key, or an altered record")]
    private static partial void LogSecretUnopened(ILogger logger, string grain, string webhook, string keyId);
}

[GenerateSerializer, Alias("Incidents.WebhooksState")]
public sealed record WebhooksState
{
    /// <summary>Webhooks with plain secrets, as state written before sealing holds them: sealed into <see cref="Sealed"/> on activation.</summary>
    [Id(0)] public List<WebhookEndpoint> Webhooks { get; set; } = [];
    [Id(1)] public long Version { get; set; }
    [Id(2)] public List<StoredWebhook> Sealed { get; set; } = [];
}

/// <summary>How many webhooks a tenant and a team may have: a put past either is refused, nothing stored.</summary>
public static class WebhookLimits
{
    public static string? Refusal(IReadOnlyList<(string Id, string Team)> webhooks, WebhookEndpoint put)
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
