using Incidents.Contracts.Incidents;
using Incidents.Contracts.Runbooks;
using Incidents.Grains.Incidents;
using Incidents.Grains.Storage;
using Incidents.Grains.Workflow;

namespace Incidents.Grains.Runbooks;

/// <summary>Which runbooks an incident's tasks come from: those of its categories, or the default one when none of them has one.</summary>
public static class RunbookTasks
{
    /// <summary>An incident's tasks at most; a runbook that would pass it is not attached (whole runbooks only).</summary>
    public const int MaxTasks = 200;

    /// <summary>A category and a step's number: <c>lateral-movement-3</c>.</summary>
    public static bool IsTaskId(string? id) => RunbookTaskIds.IsValid(id);

    /// <summary>
    /// Attaches the steps of each runbook of its categories not attached yet (the default runbook when none of its
    /// categories has one), each with one entry in its actions; idempotent. Returns whether anything was attached.
    /// </summary>
    public static bool Attach(IncidentState state, RunbookCatalog catalog, DateTimeOffset now)
    {
        if (!state.Exists || state.MergedInto is not null)
        {
            return false;
        }

        var wanted = state.Categories.Select(catalog.Find).OfType<Runbook>().DistinctBy(r => r.Category).ToList();
        if (wanted.Count == 0 && catalog.Find(Runbooks.DefaultCategory) is { } fallback)
        {
            wanted.Add(fallback);
        }

        var attached = state.Tasks.Select(t => t.Runbook).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var changed = false;
        foreach (var runbook in wanted.Where(r => !attached.Contains(r.Category)))
        {
            if (state.Tasks.Count + runbook.Steps.Count > MaxTasks)
            {
                continue;
            }

            state.Tasks.AddRange(runbook.Steps.Select(s => new IncidentTask(s.Id, runbook.Category, s.Text)));
            state.Actions.Add(new TimelineEntry(now, "runbook", $"Runbook {runbook.Category} attached: {runbook.Title} ({runbook.Steps.Count} tasks)"));
            state.Actions.TrimToNewest(IncidentWorkflow.ActionsKept);
            changed = true;
        }

        return changed;
    }
}
