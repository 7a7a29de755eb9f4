using System.Security.Claims;
using System.Security.Cryptography;
using Incidents.Api.Audit;
using Incidents.Api.Security;
using Incidents.Contracts.Triage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Triage;

/// <summary>
/// What triage learned, for people: each rule's counts, baselines, verdicts and weight; the suppressions verdicts
/// propose, which only a tenant admin's accept turns into a suppression; and triage's totals.
/// </summary>
public static class TriageEndpoints
{
    private const int DefaultRules = 100;
    private const int MaxRules = 2_000;
    private const int MaxReason = 1_000;

    public static IEndpointRouteBuilder MapTriageEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/triage").WithTags("Triage");
        group.MapGet("/rules", Rules).RequireAuthorization(Roles.Analyst)
            .WithSummary("Each rule's alerts by decision, baselines by event time, verdicts overall and by host, and the weight they give it; most alerts first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/proposals", Proposals).RequireAuthorization(Roles.Analyst)
            .WithSummary("Suppressions proposed after repeated false positives of one rule on one host, with their evidence (status: open, accepted, rejected, all).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/proposals/{id}/accept", Accept).RequireAuthorization(Roles.Admin)
            .WithSummary("Accepts a proposal: its suppression is added, with you as its author.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/proposals/{id}/reject", Reject).RequireAuthorization(Roles.Admin)
            .WithSummary("Rejects a proposal, with a reason; it is proposed again only after as many more false positives.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapGet("/api/v1/metrics/triage", Metrics).RequireAuthorization(Roles.Analyst).WithTags("Triage")
            .WithSummary("Alerts by decision, incidents opened and alerts per incident: in all (the last 30 days) and per day, by event time.");
        return routes;
    }

    internal static async Task<Results<Ok<RuleView[]>, ProblemHttpResult>> Rules(ClaimsPrincipal user, IGrainFactory grains, int? limit)
    {
        if (limit is < 1 or > MaxRules)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: $"'limit' is 1 to {MaxRules}.");
        }

        var shards = await Task.WhenAll(Shards(user.Tenant(), grains).Select(s => s.Rules()));
        return TypedResults.Ok(shards.SelectMany(s => s)
            .OrderByDescending(r => r.Alerts).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .Take(limit ?? DefaultRules).ToArray());
    }

    internal static async Task<Results<Ok<TriageProposal[]>, ProblemHttpResult>> Proposals(ClaimsPrincipal user, IGrainFactory grains, string? status)
    {
        ProposalStatus? wanted = status switch
        {
            null or "open" => ProposalStatus.Open,
            "accepted" => ProposalStatus.Accepted,
            "rejected" => ProposalStatus.Rejected,
            "all" => null,
            _ => (ProposalStatus)(-1),
        };
        if (wanted == (ProposalStatus)(-1))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad status", detail: "'status' is open, accepted, rejected or all.");
        }

        var shards = await Task.WhenAll(Shards(user.Tenant(), grains).Select(s => s.Proposals()));
        return TypedResults.Ok(shards.SelectMany(s => s)
            .Where(p => wanted is null || p.Status == wanted)
            .OrderByDescending(p => p.ProposedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray());
    }

    internal static Task<Results<Ok<ProposalOutcome>, ProblemHttpResult>> Accept(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken) =>
        Answer(id, accept: true, reason: null, user, grains, audit, time, cancellationToken);

    internal static async Task<Results<Ok<ProposalOutcome>, ProblemHttpResult>> Reject(
        string id, RejectRequest? body, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body?.Reason is not { Length: > 0 and <= MaxReason } reason || reason.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A reason is required",
                detail: $"Send {{\"reason\": …}}: 1 to {MaxReason} characters, why this rule on this host is worth seeing.");
        }

        return await Answer(id, accept: false, reason, user, grains, audit, time, cancellationToken);
    }

    internal static async Task<Ok<TriageTotals>> Metrics(ClaimsPrincipal user, IGrainFactory grains)
    {
        var shards = await Task.WhenAll(Shards(user.Tenant(), grains).Select(s => s.Totals()));
        return TypedResults.Ok(TriageTotals.Of(shards.SelectMany(s => s)));
    }

    private static async Task<Results<Ok<ProposalOutcome>, ProblemHttpResult>> Answer(
        string id, bool accept, string? reason, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        // The first hex digit names the shard that holds it; anything else is no proposal of ours.
        if (!SuppressionRequests.IsId(id) || Convert.ToInt32(id[..1], 16) >= IRuleBookGrain.Shards)
        {
            return NotFound();
        }

        var tenant = user.Tenant();
        var answer = new ProposalAnswer(accept, user.Actor(), reason, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), time.GetUtcNow());
        var outcome = await grains.GetGrain<IRuleBookGrain>(RuleBook.Key(tenant, Convert.ToInt32(id[..1], 16))).Decide(id, answer);
        switch (outcome.Result)
        {
            case ProposalResult.NotFound:
                return NotFound();
            case ProposalResult.AlreadyDecided:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided",
                    detail: $"This proposal was {outcome.Proposal!.Status.ToString().ToLowerInvariant()} by {outcome.Proposal.DecidedBy}.");
            case ProposalResult.SuppressionsFull:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many suppressions",
                    detail: $"A tenant holds at most {SuppressionSet.MaxSuppressions}; remove some first.");
        }

        var proposal = outcome.Proposal!;
        var what = $"{RuleKey.Describe(proposal.Rule)} on host {proposal.Host}: {proposal.Verdicts.FalsePositive} false positive, {proposal.Verdicts.Benign} benign";
        await audit.Append(tenant, answer.Author, accept ? "triage.proposal.accept" : "triage.proposal.reject", id,
            accept ? $"{what}; suppression {outcome.Suppression!.Id}" : $"{what}; {reason}", cancellationToken);
        if (outcome.Suppression is { } added)
        {
            await audit.Append(tenant, answer.Author, "triage.suppression.add", added.Id, SuppressionRequests.Describe(added), cancellationToken);
        }

        return TypedResults.Ok(outcome);
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such proposal",
        detail: "No proposal of this tenant has that id.");

    private static IEnumerable<IRuleBookGrain> Shards(string tenant, IGrainFactory grains) =>
        Enumerable.Range(0, IRuleBookGrain.Shards).Select(shard => grains.GetGrain<IRuleBookGrain>(RuleBook.Key(tenant, shard)));
}

/// <summary>A tenant admin's reason for keeping a rule's alerts on a host in view.</summary>
public sealed record RejectRequest(string? Reason);

/// <summary>Triage's totals by event day, and over all the days kept.</summary>
public sealed record TriageTotals(
    DecisionCounts Alerts, long IncidentsOpened, double? AlertsPerIncident, IReadOnlyList<TriageDay> PerDay)
{
    public static TriageTotals Of(IEnumerable<TriageDay> shardDays)
    {
        var days = shardDays.GroupBy(d => d.Day)
            .Select(g => new TriageDay(g.Key, g.Aggregate(DecisionCounts.None, (sum, d) => sum.Add(d.Decisions)), g.Sum(d => d.IncidentsOpened)))
            .OrderBy(d => d.Day).ToArray();
        var alerts = days.Aggregate(DecisionCounts.None, (sum, d) => sum.Add(d.Decisions));
        var incidents = days.Sum(d => d.IncidentsOpened);
        return new(alerts, incidents, incidents == 0 ? null : Math.Round((double)alerts.Total / incidents, 2), days);
    }
}
