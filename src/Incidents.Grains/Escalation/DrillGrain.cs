using Incidents.Contracts.Escalation;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>
/// One drill (<see cref="IDrillGrain"/>): its plan, written before its alerts are posted, and a reminder at its end
/// that resolves its incident, so that a drill left running is cleaned up even if its silo is lost.
/// </summary>
public sealed class DrillGrain(
    [PersistentState("drill", StorageNames.Lists)] IPersistentState<DrillState> state,
    IOptions<CorrelationOptions> options,
    TimeProvider time) : WriteBehindGrain<DrillState>(state, options.Value.StateWriteDelay), IDrillGrain, IRemindable
{
    private const string EndReminder = "drill-end";

    public async Task<bool> Start(DrillPlan plan)
    {
        if (State.Plan is not null)
        {
            return false;
        }

        State.Plan = plan;
        await WriteNow();
        var wait = plan.EndsAt - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(EndReminder, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, TimeSpan.FromMinutes(1));
        return true;
    }

    public async Task<DrillRecord?> Find()
    {
        if (State.Plan is not { } plan)
        {
            return null;
        }

        if (State.IncidentId is null)
        {
            var tenant = TenantScoped.Split(this.GetPrimaryKeyString()).Tenant;
            var host = await GrainFactory.GetGrain<IHostGrain>(TenantScoped.Key(tenant, plan.Hosts[0])).GetView();
            State.IncidentId = host.OpenIncidentId ?? host.PreviousIncidentId;
            if (State.IncidentId is not null)
            {
                await StateChanged();
            }
        }

        return Record();
    }

    public async Task<DrillRecord?> Finish(string actor)
    {
        var found = await Find();
        if (found is null || found.EndedAt is not null)
        {
            return found;
        }

        if (State.IncidentId is { } id)
        {
            var tenant = TenantScoped.Split(this.GetPrimaryKeyString()).Tenant;
            await GrainFactory.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, id)).Act(new ChangeStatus
            {
                Actor = actor,
                Status = IncidentStatus.Resolved,
                Classification = Classification.Benign,
                Reason = $"Drill {found.Plan.Id} ended",
            });
        }

        State.EndedAt = time.GetUtcNow();
        await WriteNow();
        if (await this.GetReminder(EndReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return Record();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await Finish("drill");

    private DrillRecord? Record() => State.Plan is { } plan ? new DrillRecord(plan, State.IncidentId, State.EndedAt) : null;
}

[GenerateSerializer, Alias("Incidents.DrillState")]
public sealed record DrillState
{
    [Id(0)] public DrillPlan? Plan { get; set; }
    [Id(1)] public string? IncidentId { get; set; }
    [Id(2)] public DateTimeOffset? EndedAt { get; set; }
}
