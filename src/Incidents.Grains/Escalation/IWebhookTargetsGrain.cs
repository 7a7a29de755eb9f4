using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>
/// The tenant's webhooks with their secrets, for its outbox shards only: a silo-side interface of the webhooks grain
/// (<see cref="EscalationWebhooksGrain"/>), unknown to the API, so that no API code can ask for a secret.
/// </summary>
[Alias("Incidents.IWebhookTargetsGrain")]
public interface IWebhookTargetsGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("Targets")]
    Task<IReadOnlyList<WebhookEndpoint>> Targets();
}
