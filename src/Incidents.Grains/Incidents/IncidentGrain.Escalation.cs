using Incidents.Contracts.Escalation;
using Incidents.Contracts.Response;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Escalation;
using Microsoft.Extensions.Logging;

namespace Incidents.Grains.Incidents;

/// <summary>
/// The incident's escalation: routing to a team, the clock that escalates when nobody acknowledges, the notices to its
/// outbox shard and the response figures. All of it runs in a turn of its own after the change that called for it, so
/// that no host waits on a policy, an outbox or the reminder table for an alert.
/// </summary>
/// <remarks>
/// The deadline lives in the state, written before anything is sent. A reminder (Azure Table storage) at the deadline
/// wakes the incident after its silo is lost; a timer gives precision while it is active. Whichever comes first
/// escalates; the other finds nothing due. Calls: its outbox shard (which calls only the tenant's webhook list), the
/// policy grain through the silo's copy (calls nothing), the response figures one-way (calls nothing).
/// </remarks>
public sealed partial class IncidentGrain : IRemindable
{
    private const string EscalationReminder = "escalation";

    private bool _reroute;
    private IGrainTimer? _escalateSoon;
    private IGrainTimer? _escalateRetry;
    private IGrainTimer? _escalationClock;
    private DateTimeOffset? _clockAt;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != EscalationReminder)
        {
            return;
        }

        await EscalateNow();
        if (_record.Escalation.Deadline is null)
        {
            await DropReminder(); // nothing is due: a reminder outlived its deadline (its removal was not written)
        }
    }

    /// <summary>
    /// Asks escalation to look after this turn: <paramref name="reroute"/> when what the incident is may have changed
    /// (alerts, enrichment, an analyst's tags or severity), else only its clock, notices and figures.
    /// </summary>
    private void EscalateSoon(bool reroute)
    {
        if (!escalation.Value.Enabled || !_record.Exists)
        {
            return;
        }

        _reroute |= reroute;
        _escalateSoon ??= this.RegisterGrainTimer(EscalateNow, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task EscalateNow()
    {
        _escalateSoon?.Dispose();
        _escalateSoon = null;
        var reroute = _reroute;
        _reroute = false;
        var now = time.GetUtcNow();

        // The decision and its write first; then the clock, the outbox and the figures, each apart, so that an outbox
        // that cannot take a notice never holds up the next level.
        var decided = await Attempt(async () =>
        {
            var changed = false;
            if (reroute)
            {
                if (await policies.For(_tenant) is { } policy)
                {
                    changed |= _record.Escalation.Route(_id, policy, now);
                }
                else
                {
                    RetryEscalation(reroute: true); // no copy of the tenant's policy yet
                }
            }

            changed |= _record.Escalation.Tick(_id, now);
            if (changed)
            {
                await WriteNow(); // the step and its notice, before anything is sent
                await TellQueue(durable: false);
            }
        });

        SetTimer(now);
        if (!decided | !await Attempt(() => SetReminder(now)) | !await Attempt(TellOutbox) | !await Attempt(TellResponse))
        {
            RetryEscalation(reroute && !decided);
        }
    }

    private async Task<bool> Attempt(Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException or ArgumentException)
        {
            LogEscalationFailed(logger, _id, e.GetType().Name);
            return false;
        }
    }

    /// <summary>Hands the notices decided and written to the outbox shard, which is durable before it answers.</summary>
    private async Task TellOutbox()
    {
        var untold = _record.Escalation.Untold.ToList();
        if (untold.Count == 0)
        {
            return;
        }

        var outbox = GrainFactory.GetGrain<IEscalationOutboxGrain>(EscalationOutbox.KeyOf(_tenant, _id));
        foreach (var notice in untold)
        {
            await outbox.Enqueue(notice).WaitAsync(escalation.Value.CallTimeout);
        }

        _record.Escalation.Told(untold);
        await StateChanged();
    }

    /// <summary>A timer at the deadline, for precision while the incident is active.</summary>
    private void SetTimer(DateTimeOffset now)
    {
        var deadline = _record.Escalation.Deadline;
        if (deadline != _clockAt)
        {
            _escalationClock?.Dispose();
            _escalationClock = deadline is { } at
                ? this.RegisterGrainTimer(EscalateNow, Later(at, now), Timeout.InfiniteTimeSpan)
                : null;
            _clockAt = deadline;
        }
    }

    /// <summary>A reminder at the deadline, for when the incident is not active (its silo lost); moved only when the deadline moves.</summary>
    private async Task SetReminder(DateTimeOffset now)
    {
        var deadline = _record.Escalation.Deadline;
        if (_record.Escalation.Current is not { } current || current.ReminderAt == deadline)
        {
            return;
        }

        if (deadline is { } due)
        {
            // The period is the reminder service's floor: a wake that finds the grain unable to act comes again.
            await this.RegisterOrUpdateReminder(EscalationReminder, Later(due, now), TimeSpan.FromMinutes(1)).WaitAsync(escalation.Value.CallTimeout);
        }
        else
        {
            await DropReminder();
        }

        current.ReminderAt = deadline;
        await StateChanged();
    }

    private async Task DropReminder()
    {
        if (await this.GetReminder(EscalationReminder).WaitAsync(escalation.Value.CallTimeout) is { } reminder)
        {
            await this.UnregisterReminder(reminder).WaitAsync(escalation.Value.CallTimeout);
        }
    }

    /// <summary>Each response measure once known, one-way to the tenant's figures; told once (a lost one is a figure missed, not a record).</summary>
    private Task TellResponse()
    {
        var due = ResponseMilestones.Due(State, _id);
        if (due.Count == 0)
        {
            return Task.CompletedTask;
        }

        var figures = GrainFactory.GetGrain<IResponseStatsGrain>(ResponseStats.Key(_tenant));
        foreach (var milestone in due)
        {
            figures.Record(milestone).Ignore();
        }

        ResponseMilestones.Told(State, due);
        return StateChanged();
    }

    private void RetryEscalation(bool reroute)
    {
        _reroute |= reroute;
        _escalateRetry ??= this.RegisterGrainTimer(() =>
        {
            _escalateRetry?.Dispose();
            _escalateRetry = null;
            EscalateSoon(_reroute);
            return Task.CompletedTask;
        }, escalation.Value.RetryAfter, Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan Later(DateTimeOffset at, DateTimeOffset now) => at > now ? at - now : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation of incident {Incident} failed ({Error}): it tries again")]
    private static partial void LogEscalationFailed(ILogger logger, string incident, string error);
}
