using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Incidents.Alerts;
using Incidents.Api.Audit;
using Incidents.Api.Incidents;
using Incidents.Api.Ingest;
using Incidents.Api.Journal;
using Incidents.Api.Security;
using Incidents.Contracts.Escalation;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Escalation;

/// <summary>
/// Drills: a labelled synthetic attack posted through the real front door (journal, triage, correlation, enrichment,
/// routing, escalation, webhooks), marked as a drill in every notice and kept out of the response figures and the rule
/// books; its report gives each stage's time. Its incident is resolved when it ends (after an hour, or when told).
/// </summary>
public static class DrillEndpoints
{
    public static IEndpointRouteBuilder MapDrillEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/drills").WithTags("Escalation");
        group.MapPost("/", Start).RequireAuthorization(Roles.Admin)
            .WithSummary("Starts a drill: {\"scenario\": \"lateralMovement\" or \"exfiltration\", \"minutes\": how long until it ends, 1 to 1440, 60 if omitted}. "
                + "Its alerts go through the real pipeline to the real teams, every notice marked as a drill.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", Report).RequireAuthorization(Roles.Analyst)
            .WithSummary("A drill's report: each stage's time from its start, its team, and whether the team acknowledged within its deadline.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/end", End).RequireAuthorization(Roles.Admin)
            .WithSummary("Ends a drill now: its incident is resolved (benign, \"drill ended\").")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record DrillBody(string? Scenario, int? Minutes);

    internal static async Task<Results<Accepted<DrillReport>, ProblemHttpResult>> Start(
        DrillBody? body, ClaimsPrincipal user, IGrainFactory grains, IBatchIntake<AlertFormat, Alert> intake, IngestJournal journal,
        IngestDelivery delivery, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body?.Scenario?.Replace("-", "", StringComparison.Ordinal) is not { } name || !EnumNames.TryParse<DrillScenario>(name, out var scenario))
        {
            return Invalid($"'scenario' is one of {EnumNames.List<DrillScenario>()}.");
        }

        var minutes = body.Minutes ?? (int)Drills.DefaultDuration.TotalMinutes;
        if (minutes < 1 || minutes > Drills.LongestDuration.TotalMinutes)
        {
            return Invalid($"'minutes' is 1 to {Drills.LongestDuration.TotalMinutes:0}.");
        }

        var tenant = user.Tenant();
        var now = time.GetUtcNow();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var plan = new DrillPlan(id, scenario, now, DrillAlerts.Hosts(id, scenario), now.AddMinutes(minutes), user.Actor());
        var drill = grains.GetGrain<IDrillGrain>(Drills.Key(tenant, id));
        await drill.Start(plan); // kept before its alerts are posted, so that its end cleans up whatever they opened

        var (items, rejected) = intake.Normalize(DrillAlerts.For(id, scenario, now), AlertFormat.Native);
        if (rejected.Count > 0)
        {
            throw new InvalidOperationException($"A drill's own alert was refused: {rejected[0].Error}");
        }

        var prepared = intake.Prepare(tenant, items);
        var batch = prepared with { Alerts = [.. prepared.Alerts.Select(a => a with { Drill = id })] };
        var entry = await journal.Write(batch, cancellationToken);
        await delivery.Deliver(batch);
        journal.Delivered(entry);

        await audit.Append(tenant, user.Actor(), "drill.start", id, FormattableString.Invariant($"{EnumNames.Wire(scenario)}, ends {plan.EndsAt:O}"), cancellationToken);
        return TypedResults.Accepted($"/api/v1/drills/{id}", DrillReport.Of(new DrillRecord(plan, null, null), null, now));
    }

    internal static async Task<Results<Ok<DrillReport>, ProblemHttpResult>> Report(string id, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var tenant = user.Tenant();
        if (!Drills.IsId(id) || await grains.GetGrain<IDrillGrain>(Drills.Key(tenant, id)).Find() is not { } drill)
        {
            return NotFound();
        }

        var incident = drill.IncidentId is { } incidentId
            ? await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, incidentId)).GetView(0)
            : null;
        return TypedResults.Ok(DrillReport.Of(drill, incident, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<DrillReport>, ProblemHttpResult>> End(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (!Drills.IsId(id) || await grains.GetGrain<IDrillGrain>(Drills.Key(tenant, id)).Finish(user.Actor()) is not { } drill)
        {
            return NotFound();
        }

        await audit.Append(tenant, user.Actor(), "drill.end", id, drill.IncidentId is { } i ? $"incident {i} resolved" : null, cancellationToken);
        var incident = drill.IncidentId is { } incidentId
            ? await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, incidentId)).GetView(0)
            : null;
        return TypedResults.Ok(DrillReport.Of(drill, incident, time.GetUtcNow()));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid drill", detail: detail);

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such drill", detail: "No drill of this tenant has that id.");
}
