namespace Incidents.Api.Audit;

/// <summary>One change someone made: who, when, what (an action on a target), and the detail that changed.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Tenant, string Actor, string Action, string Target, string? Detail);
