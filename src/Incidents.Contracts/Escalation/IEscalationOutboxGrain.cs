using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Escalation;

/// <summary>
/// One shard of a tenant's notification outbox, keyed <see cref="EscalationOutbox.Key"/>: it keeps each event until
/// every webhook of its team took it (or dead-letters it), and delivers behind its answer, so that no incident waits on
/// a receiver. Calls nothing but the tenant's webhook list.
/// </summary>
[Alias("Incidents.IEscalationOutboxGrain")]
public interface IEscalationOutboxGrain : IGrainWithStringKey
{
    /// <summary>Takes an event for delivery; durable before it returns. Handing the same <see cref="EscalationNotice.EventId"/> again changes nothing.</summary>
    [Alias("Enqueue")]
    Task Enqueue(EscalationNotice notice);
}

public static class EscalationOutbox
{
    public const int Shards = 8;

    public static int Shard(string incidentId) => (int)(StableHash.ComputeHash(incidentId) % Shards);

    public static string Key(string tenant, int shard) => TenantScoped.Key(tenant, $"outbox-{shard}");

    public static string KeyOf(string tenant, string incidentId) => Key(tenant, Shard(incidentId));
}
