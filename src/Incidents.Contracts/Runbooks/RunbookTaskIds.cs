using System.Text.RegularExpressions;

namespace Incidents.Contracts.Runbooks;

/// <summary>A task's id is its runbook's category and its step's number (<c>lateral-movement-3</c>): checked exactly, by the API before any grain and by the workflow.</summary>
public static partial class RunbookTaskIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}-[1-9][0-9]?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
