using Incidents.Contracts.Intel;

namespace Incidents.Api.Intel;

/// <summary>What an import read: the indicators taken (by their place in the input), and each one refused with why.</summary>
public sealed class IntelImport
{
    public List<(int At, Indicator Indicator)> Indicators { get; } = [];
    public List<IntelRejection> Rejected { get; } = [];
    public int Skipped { get; set; }

    /// <summary>Why the whole body was refused, when it was.</summary>
    public string? Problem { get; private init; }

    public static IntelImport Refused(string problem) => new() { Problem = problem };

    public void Reject(int at, string? id, string reason) => Rejected.Add(new IntelRejection(at, id, reason));
}

/// <summary>
/// One item refused: its place (the STIX bundle's object index, or the CSV's line number), its STIX id, and why.
/// </summary>
public sealed record IntelRejection(int Index, string? Id, string Reason);

/// <summary>What an import answers: how many indicators were stored, each refused one, and what was not an indicator.</summary>
public sealed record IntelImportResult(int Accepted, IReadOnlyList<IntelRejection> Rejected, int Skipped);
