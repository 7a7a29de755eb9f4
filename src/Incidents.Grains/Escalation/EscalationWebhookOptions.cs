namespace Incidents.Grains.Escalation;

/// <summary>How escalation webhooks are delivered (<c>Incidents:Escalation:Webhooks</c>).</summary>
public sealed class EscalationWebhookOptions
{
    public const string Section = "Incidents:Escalation:Webhooks";

    /// <summary>True: webhooks may be on loopback and private networks (development and tests only; SSRF otherwise).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Attempts of one delivery before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a shard looks for due deliveries while active (an enqueued event is looked at at once).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts in flight at once per webhook per shard: a slow receiver holds at most this many of a shard's sends.</summary>
    public int MaxInFlightPerWebhook { get; set; } = 2;

    /// <summary>Deliveries and events waiting per shard; past it the oldest is dead-lettered ("outbox full").</summary>
    public int MaxPending { get; set; } = 5_000;

    public int DeadLettersKept { get; set; } = 1_000;

    /// <summary>Event ids a shard remembers, so that an event handed again is not delivered again.</summary>
    public int EventIdsKept { get; set; } = 10_000;

    /// <summary>
    /// Base64 of 32 random bytes: the key webhooks' signing secrets are sealed under in grain state
    /// (<see cref="WebhookSecretBox"/>). Silos refuse to start without it.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>Keys that were <see cref="SecretKey"/> before a rotation: they only open secrets, which are re-sealed under the current key.</summary>
    public List<string> PreviousSecretKeys { get; set; } = [];
}
