namespace Incidents.Contracts.Triage;

/// <summary>What triage did with an alert, decided once when it was first taken.</summary>
[GenerateSerializer, Alias("Incidents.TriageDecision")]
public enum TriageDecision
{
    /// <summary>A suppression matched: counted, kept out of every incident.</summary>
    Suppressed = 0,

    /// <summary>Kept on its host, below the score that opens or joins an incident.</summary>
    Recorded = 1,

    /// <summary>It opened an incident.</summary>
    Opened = 2,

    /// <summary>It joined the incident its host is in.</summary>
    Joined = 3,
}

/// <summary>One thing that moved an alert's score, by how much (points on 0–100; a suppression or a floor moves none).</summary>
[GenerateSerializer, Immutable, Alias("Incidents.TriageReason")]
public sealed record TriageReason(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Detail,
    [property: Id(2)] int Points);

/// <summary>An alert's triage: its decision, its score (0–100) and the reasons, in the order they were applied.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.AlertTriage")]
public sealed record AlertTriage(
    [property: Id(0)] TriageDecision Decision,
    [property: Id(1)] int Score,
    [property: Id(2)] IReadOnlyList<TriageReason> Reasons)
{
    /// <summary>The suppression that suppressed it.</summary>
    [Id(3)] public string? SuppressedBy { get; init; }
}

/// <summary>The kinds of <see cref="TriageReason"/>, as the API shows them.</summary>
public static class TriageReasonKinds
{
    public const string Severity = "severity";
    public const string Context = "context";
    public const string Lateral = "lateral";
    public const string Suppression = "suppression";
    public const string Baseline = "baseline";
    public const string Verdict = "verdict";
    public const string Intel = "intel";
    public const string Asset = "asset";
}
