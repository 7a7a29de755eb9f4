namespace Incidents.Grains.Escalation;

/// <summary>How incidents are routed and escalated (<c>Incidents:Escalation</c>).</summary>
public sealed class EscalationOptions
{
    public const string Section = "Incidents:Escalation";

    /// <summary>False: incidents are neither routed nor escalated (for measuring ingest without it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How old a silo's copy of a tenant's policy may be: a change reaches every incident within this.</summary>
    public TimeSpan PolicyRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an incident waits before trying again what failed (its policy unread, its outbox or reminder unreachable).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one call to the outbox, the reminder table or the policy may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
