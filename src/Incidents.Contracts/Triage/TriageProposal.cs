namespace Incidents.Contracts.Triage;

/// <summary>
/// A suppression the system proposes after repeated false positives of one rule on one host; nothing is suppressed until
/// a tenant admin accepts it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.TriageProposal")]
public sealed record TriageProposal
{
    /// <summary>16 lowercase hex digits; the first names the rule book shard that holds it.</summary>
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Rule { get; init; }
    [Id(2)] public required string Title { get; init; }
    [Id(3)] public required string Host { get; init; }

    /// <summary>The verdicts of this rule on this host when it was proposed (and since).</summary>
    [Id(4)] public required VerdictCounts Verdicts { get; init; }

    /// <summary>The incidents whose verdicts made it, newest last, at most <see cref="IncidentsKept"/>.</summary>
    [Id(5)] public required IReadOnlyList<string> Incidents { get; init; }

    [Id(6)] public required DateTimeOffset ProposedAt { get; init; }
    [Id(7)] public ProposalStatus Status { get; init; }
    [Id(8)] public string? DecidedBy { get; init; }
    [Id(9)] public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The reason given when rejected.</summary>
    [Id(10)] public string? Reason { get; init; }

    /// <summary>The suppression made when accepted.</summary>
    [Id(11)] public string? SuppressionId { get; init; }

    public const int IncidentsKept = 10;
}

[GenerateSerializer, Alias("Incidents.ProposalStatus")]
public enum ProposalStatus
{
    Open = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>A tenant admin's answer: accept (the suppression gets this id and author) or reject, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.ProposalAnswer")]
public sealed record ProposalAnswer(
    [property: Id(0)] bool Accept,
    [property: Id(1)] string Author,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string SuppressionId,
    [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Alias("Incidents.ProposalResult")]
public enum ProposalResult
{
    Done = 0,
    NotFound = 1,
    AlreadyDecided = 2,
    SuppressionsFull = 3,
}

[GenerateSerializer, Immutable, Alias("Incidents.ProposalOutcome")]
public sealed record ProposalOutcome(
    [property: Id(0)] ProposalResult Result,
    [property: Id(1)] TriageProposal? Proposal,
    [property: Id(2)] Suppression? Suppression);
