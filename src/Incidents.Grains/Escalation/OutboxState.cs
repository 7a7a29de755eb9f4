using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>An outbox shard's state: events not yet fanned out to their team's webhooks, deliveries, dead letters.</summary>
[GenerateSerializer, Alias("Incidents.OutboxState")]
public sealed record OutboxState
{
    /// <summary>Events taken and stored, whose webhooks are read at the next dispatch (oldest first).</summary>
    [Id(0)] public List<EscalationNotice> Unrouted { get; set; } = [];

    /// <summary>One per event and webhook, until delivered or dead-lettered (oldest first).</summary>
    [Id(1)] public List<OutboxDelivery> Pending { get; set; } = [];

    /// <summary>Oldest first, at most <see cref="EscalationWebhookOptions.DeadLettersKept"/>.</summary>
    [Id(2)] public List<OutboxDeadDelivery> Dead { get; set; } = [];

    /// <summary>Event ids taken, oldest first (<see cref="Storage.SeenKeys"/>).</summary>
    [Id(3)] public List<string> EventIds { get; set; } = [];
}

[GenerateSerializer, Alias("Incidents.OutboxDelivery")]
public sealed record OutboxDelivery
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required EscalationNotice Notice { get; init; }
    [Id(2)] public required string WebhookId { get; init; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(5)] public int? LastStatus { get; set; }
    [Id(6)] public string? LastError { get; set; }
}

/// <summary>A delivery given up; <see cref="OutboxDelivery.WebhookId"/> is empty for an event dropped before it was fanned out.</summary>
[GenerateSerializer, Alias("Incidents.OutboxDeadDelivery")]
public sealed record OutboxDeadDelivery(
    [property: Id(0)] OutboxDelivery Delivery,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason)
{
    public DeadLetter ToView() => new()
    {
        Id = Delivery.Id,
        EventId = Delivery.Notice.EventId,
        IncidentId = Delivery.Notice.IncidentId,
        Team = Delivery.Notice.Team,
        WebhookId = Delivery.WebhookId,
        Attempts = Delivery.Attempts,
        LastStatus = Delivery.LastStatus,
        LastError = Reason,
        At = At,
        Kind = Delivery.Notice.Kind,
    };
}

/// <summary>What one attempt came to, as the dispatcher reports it. <see cref="Error"/> never holds the secret.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.DeliveryReport")]
public sealed record DeliveryReport(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] bool Delivered,
    [property: Id(2)] int? Status,
    [property: Id(3)] string? Error,
    [property: Id(4)] bool Permanent);
