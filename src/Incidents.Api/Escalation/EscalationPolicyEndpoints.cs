using System.Globalization;
using System.Security.Claims;
using Incidents.Api.Audit;
using Incidents.Api.Incidents;
using Incidents.Api.Security;
using Incidents.Contracts.Escalation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Escalation;

/// <summary>
/// A tenant's escalation policy: analysts read it and try incidents against it, tenant admins replace it (versioned:
/// <c>ETag</c> and <c>If-Match</c>, each change in the audit log). A change reaches every silo within seconds; an
/// incident already on a route keeps its levels until what it is changes.
/// </summary>
public static class EscalationPolicyEndpoints
{
    public static IEndpointRouteBuilder MapEscalationPolicyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/escalation/policy").WithTags("Escalation");
        group.MapGet("/", Get).RequireAuthorization(Roles.Analyst)
            .WithSummary("The policy in force: teams, and routes in order (the first that matches an incident wins; the last is the default).");
        group.MapPut("/", Put).RequireAuthorization(Roles.Admin)
            .WithSummary("Replaces the policy (If-Match: its ETag, to be sure nobody changed it meanwhile). Each route: a name, conditions "
                + "(any one may hold; each holds when all its fields do), a team and levels (the first after 00:00:00, each next one later).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/test", Test).RequireAuthorization(Roles.Analyst)
            .WithSummary("Which route an example incident would take ({incident: {categories, tactics, severity, criticality, zone, tags, intelHits}}), "
                + "under the policy in force or a draft given as 'policy'. Stores nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    [System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
    public sealed record TestBody(IncidentFacts? Incident, EscalationPolicy? Policy);

    internal static async Task<Ok<EscalationPolicy>> Get(ClaimsPrincipal user, HttpContext http, IGrainFactory grains)
    {
        var policy = await Policy(grains, user).Current();
        http.Response.Headers.ETag = Versions.ETag(policy.Version);
        return TypedResults.Ok(policy);
    }

    internal static async Task<Results<Ok<EscalationPolicy>, ProblemHttpResult>> Put(
        EscalationPolicy? body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid(["A JSON body is required: {\"teams\": […], \"routes\": […]}."]);
        }

        var change = await Policy(grains, user).Replace(body, Versions.FromIfMatch(http.Request));
        http.Response.Headers.ETag = Versions.ETag(change.Policy.Version);
        switch (change.Result)
        {
            case PolicyChangeResult.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The policy changed since you read it",
                    detail: FormattableString.Invariant($"It is at version {change.Policy.Version}: read it again, then replace it."),
                    extensions: new Dictionary<string, object?> { ["version"] = change.Policy.Version });
            case PolicyChangeResult.Invalid:
                return Invalid(change.Problems);
        }

        var policy = change.Policy;
        await audit.Append(user.Tenant(), user.Actor(), "escalation.policy.replace", "escalation-policy", string.Create(CultureInfo.InvariantCulture,
            $"version {policy.Version}: teams {string.Join(", ", policy.Teams.Select(t => t.Id))}; routes {string.Join(", ", policy.Routes.Select(r => $"{r.Name} → {r.Team}"))}"),
            cancellationToken);
        return TypedResults.Ok(policy);
    }

    internal static async Task<Results<Ok<RouteTrial>, ProblemHttpResult>> Test(TestBody? body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (body?.Incident is not { } incident)
        {
            return Invalid(["'incident' is required: {\"incident\": {\"categories\": [\"exfiltration\"], \"severity\": \"high\"}}."]);
        }

        // Lists the client left out or sent as null are empty, not a fault of the router.
        incident = incident with
        {
            Categories = incident.Categories ?? [], Tactics = incident.Tactics ?? [], Tags = incident.Tags ?? [],
        };
        var trial = await Policy(grains, user).TryRoute(incident, body.Policy);
        return trial.Problems.Count > 0 ? Invalid(trial.Problems) : TypedResults.Ok(trial);
    }

    private static IEscalationPolicyGrain Policy(IGrainFactory grains, ClaimsPrincipal user) =>
        grains.GetGrain<IEscalationPolicyGrain>(EscalationPolicies.Key(user.Tenant()));

    private static ProblemHttpResult Invalid(IReadOnlyList<string> problems) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid escalation policy",
            detail: string.Join(" ", problems), extensions: new Dictionary<string, object?> { ["errors"] = problems });
}
