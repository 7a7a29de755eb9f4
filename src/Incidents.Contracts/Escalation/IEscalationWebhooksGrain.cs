namespace Incidents.Contracts.Escalation;

/// <summary>
/// A tenant's webhooks, keyed <see cref="EscalationWebhooks.Key"/>: changed by tenant admins, each change written
/// before its answer; read by the tenant's outbox shards. Calls nothing. No method here returns a secret.
/// </summary>
[Alias("Incidents.IEscalationWebhooksGrain")]
public interface IEscalationWebhooksGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("List")]
    Task<WebhookSet> List();

    /// <summary>Creates or replaces the webhook of that id; refused (nothing stored) past <see cref="EscalationWebhooks.MaxPerTeam"/> or <see cref="EscalationWebhooks.MaxPerTenant"/>.</summary>
    [Alias("Put")]
    Task<WebhookChange> Put(WebhookEndpoint webhook);

    /// <summary>The webhook removed, or null when there was none of that id.</summary>
    [Alias("Remove")]
    Task<WebhookView?> Remove(string id);
}
