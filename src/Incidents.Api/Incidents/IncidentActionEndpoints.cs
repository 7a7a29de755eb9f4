using System.Security.Claims;
using System.Text.Json.Serialization;
using Incidents.Api.Audit;
using Incidents.Api.Security;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Incidents;

/// <summary>
/// What analysts do to an incident. Each action is stored before it is answered, lands in the incident's timeline and
/// the tenant's audit log, and honours <c>If-Match</c> against the incident's version (its <c>ETag</c>).
/// </summary>
public static class IncidentActionEndpoints
{
    public static IEndpointRouteBuilder MapIncidentActionEndpoints(this IEndpointRouteBuilder routes)
    {
        var actions = routes.MapGroup("/api/v1/incidents/{id}").WithTags("Incident actions").RequireAuthorization(Roles.Analyst);
        Describe(actions.MapPost("/acknowledge", Acknowledge), "Acknowledges a new incident: someone owns the response.");
        Describe(actions.MapPost("/assign", Assign),
            "Assigns it to an analyst, and to a team when one is named (the team is kept when omitted); naming neither (null or empty) unassigns it.");
        Describe(actions.MapPost("/status", Status),
            "Moves its status forward (new → acknowledged → investigating → contained → resolved; steps may be skipped), or reopens a resolved one to investigating. Resolving needs a classification; every move a reason.");
        Describe(actions.MapPost("/notes", Note), $"Adds a note: markdown, kept and shown as text, at most {IncidentNote.MaxLength} characters.");
        Describe(actions.MapPost("/severity", Severity), "Sets the analyst's severity over the tools' own (null takes it away), with a reason.");
        Describe(actions.MapPost("/tags", Tags), "Adds and removes tags.");
        Describe(actions.MapPost("/tasks/{taskId}/done", CompleteTask),
            "Ticks off a task of a runbook attached to it (GET the incident for its tasks); a task done already is answered unchanged.");
        return routes;
    }

    // A misspelt field is a 400, not an action that quietly does something else (an assign naming no known field unassigns).
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record AssignBody(string? Assignee, string? Team);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record StatusBody(string? Status, string? Reason, string? Classification);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record NoteBody(string? Text);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record SeverityBody(string? Severity, string? Reason);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record TagsBody(IReadOnlyList<string?>? Add, IReadOnlyList<string?>? Remove);

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Acknowledge(
        string id, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        Act(id, new Acknowledge { Actor = user.Actor() }, user, http, grains, audit, cancellationToken);

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Assign(
        string id, AssignBody? body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        body is null ? Refuse("A JSON body is required: {\"assignee\": …, \"team\": …}.")
        : Act(id, new Assign { Actor = user.Actor(), Assignee = Blank(body.Assignee), Team = Blank(body.Team) }, user, http, grains, audit, cancellationToken);

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Status(
        string id, StatusBody? body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        if (body?.Status is null || !EnumNames.TryParse<IncidentStatus>(body.Status, out var status))
        {
            return Refuse($"'status' is one of {EnumNames.List<IncidentStatus>(s => s is not (IncidentStatus.New or IncidentStatus.Merged))}.");
        }

        Classification? classification = null;
        if (body.Classification is not null)
        {
            if (!EnumNames.TryParse<Classification>(body.Classification, out var parsed))
            {
                return Refuse($"'classification' is one of {EnumNames.List<Classification>()}.");
            }

            classification = parsed;
        }

        return Act(id, new ChangeStatus { Actor = user.Actor(), Status = status, Reason = body.Reason ?? "", Classification = classification },
            user, http, grains, audit, cancellationToken);
    }

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Note(
        string id, NoteBody? body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        Act(id, new AddNote { Actor = user.Actor(), Text = body?.Text ?? "" }, user, http, grains, audit, cancellationToken);

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Severity(
        string id, SeverityBody? body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        Severity? severity = null;
        if (body?.Severity is not null)
        {
            if (!EnumNames.TryParse<Severity>(body.Severity, out var parsed))
            {
                return Refuse($"'severity' is one of {EnumNames.List<Severity>()}, or null to take the analyst's severity away.");
            }

            severity = parsed;
        }

        return Act(id, new OverrideSeverity { Actor = user.Actor(), Severity = severity, Reason = body?.Reason ?? "" }, user, http, grains, audit, cancellationToken);
    }

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Tags(
        string id, TagsBody? body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        body?.Add is { } add && add.Contains(null) || body?.Remove is { } remove && remove.Contains(null)
            ? Refuse("Tags are strings.")
            : Act(id, new ChangeTags { Actor = user.Actor(), Add = [.. body?.Add?.OfType<string>() ?? []], Remove = [.. body?.Remove?.OfType<string>() ?? []] },
                user, http, grains, audit, cancellationToken);

    internal static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> CompleteTask(
        string id, string taskId, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        IncidentIds.IsValid(id) && !Contracts.Runbooks.RunbookTaskIds.IsValid(taskId)
            ? Task.FromResult<Results<Ok<IncidentSummary>, ProblemHttpResult>>(NoSuchTask())
            : Act(id, new CompleteTask { Actor = user.Actor(), TaskId = taskId }, user, http, grains, audit, cancellationToken);

    private static async Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Act(
        string id, IncidentAction action, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!IncidentIds.IsValid(id))
        {
            return IncidentEndpoints.NotFound(id);
        }

        if (Versions.FromIfMatch(http.Request) is { } seen)
        {
            action = action with { IfVersion = seen };
        }

        var tenant = user.Tenant();
        var outcome = await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, id)).Act(action);
        if (outcome.Result is not (ActionResult.NotFound or ActionResult.Merged))
        {
            http.Response.Headers.ETag = Versions.ETag(outcome.Version);
        }

        switch (outcome.Result)
        {
            case ActionResult.Done:
                await audit.Append(tenant, action.Actor, $"incident.{action.Kind}", id, AuditDetail(outcome.Entry), cancellationToken);
                return TypedResults.Ok(outcome.Summary!);
            case ActionResult.Unchanged:
                return TypedResults.Ok(outcome.Summary!);
            case ActionResult.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The incident changed since you read it",
                    detail: outcome.Detail, extensions: new Dictionary<string, object?> { ["version"] = outcome.Version });
            case ActionResult.Illegal:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a move its status allows",
                    detail: $"{outcome.Detail} Legal now: {(outcome.Legal.Count == 0 ? "none" : string.Join(", ", outcome.Legal.Select(EnumNames.Wire)))}.",
                    extensions: new Dictionary<string, object?> { ["currentStatus"] = EnumNames.Wire(outcome.Summary!.Status), ["legal"] = outcome.Legal.Select(EnumNames.Wire).ToArray() });
            case ActionResult.Merged:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The incident was merged",
                    detail: outcome.Detail, extensions: new Dictionary<string, object?> { ["mergedInto"] = outcome.MergedInto });
            case ActionResult.Invalid:
                return Problem400(outcome.Detail ?? "The action is not valid.");
            case ActionResult.NotFound when outcome.Summary is not null:
                return NoSuchTask(); // the incident is there; what the action names is not
            default:
                return IncidentEndpoints.NotFound(id);
        }
    }

    private static string? AuditDetail(TimelineEntry? entry) => entry is null ? null
        : entry.Before is null && entry.After is null ? entry.Text
        : $"{entry.Text} ({entry.Before ?? "none"} → {entry.After ?? "none"})";

    private static Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> Refuse(string detail) => Task.FromResult<Results<Ok<IncidentSummary>, ProblemHttpResult>>(Problem400(detail));

    private static ProblemHttpResult Problem400(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid action", detail: detail);

    // The task id is not echoed: a malformed one is request text, and a well-formed one the caller knows.
    private static ProblemHttpResult NoSuchTask() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such task", detail: "The incident has no task of that id: its view lists its tasks.");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static void Describe(RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
