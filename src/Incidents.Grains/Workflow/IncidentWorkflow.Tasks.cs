using Incidents.Contracts.Incidents;

namespace Incidents.Grains.Workflow;

/// <summary>Ticking off a runbook's task (<see cref="Runbooks.RunbookTasks"/> attaches them).</summary>
public sealed partial class IncidentWorkflow
{
    private ActionOutcome Complete(CompleteTask action, DateTimeOffset now)
    {
        var index = state.Tasks.FindIndex(t => t.Id == action.TaskId);
        if (index < 0)
        {
            return new(ActionResult.NotFound, state.Version, $"The incident has no task '{action.TaskId}'.");
        }

        var task = state.Tasks[index];
        if (task.Done)
        {
            return Unchanged($"Task {task.Id} is done already (by {task.DoneBy}).");
        }

        state.Tasks[index] = task with { Done = true, DoneBy = action.Actor, DoneAt = now };
        return Done(action, now, $"Task {task.Id} done by {action.Actor}: {task.Text}", "open", "done");
    }
}
