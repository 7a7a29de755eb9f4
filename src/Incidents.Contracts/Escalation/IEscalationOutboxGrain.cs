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

    /// <summary>The shard's dead letters, newest first.</summary>
    [ReadOnly]
    [Alias("DeadLetters")]
    Task<IReadOnlyList<DeadLetter>> DeadLetters();

    /// <summary>Puts a dead letter back in delivery (its attempts counted afresh); null when this shard has none of that id.</summary>
    [Alias("Replay")]
    Task<DeadLetter?> Replay(string id);
}

/// <summary>A delivery that was given up: after its last attempt, or pushed out of a full outbox. Never holds a secret.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.DeadLetter")]
public sealed record DeadLetter
{
    /// <summary>The delivery's id (16 lower-case hex digits), which a replay names.</summary>
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string IncidentId { get; init; }
    [Id(3)] public required string Team { get; init; }
    [Id(4)] public required string WebhookId { get; init; }
    [Id(5)] public required int Attempts { get; init; }
    [Id(6)] public int? LastStatus { get; init; }
    [Id(7)] public required string LastError { get; init; }
    [Id(8)] public required DateTimeOffset At { get; init; }
    [Id(9)] public required EscalationEventKind Kind { get; init; }
}

public static class EscalationOutbox
{
    public const int Shards = 8;

    public static int Shard(string incidentId) => (int)(StableHash.ComputeHash(incidentId) % Shards);

    public static string Key(string tenant, int shard) => TenantScoped.Key(tenant, $"outbox-{shard}");

    public static string KeyOf(string tenant, string incidentId) => Key(tenant, Shard(incidentId));

    /// <summary>A dead letter's (a delivery's) id: 16 lower-case hex digits, checked before it reaches a grain.</summary>
    public static bool IsDeliveryId(string? id) => id is { Length: 16 } && id.All(char.IsAsciiHexDigitLower);
}
