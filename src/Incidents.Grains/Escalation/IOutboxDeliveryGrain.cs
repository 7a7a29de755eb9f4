namespace Incidents.Grains.Escalation;

/// <summary>How the silo's <see cref="WebhookDispatcher"/> tells an outbox shard what an attempt came to (silo-side).</summary>
[Alias("Incidents.IOutboxDeliveryGrain")]
public interface IOutboxDeliveryGrain : IGrainWithStringKey
{
    [Alias("Reported")]
    Task Reported(DeliveryReport report);
}
