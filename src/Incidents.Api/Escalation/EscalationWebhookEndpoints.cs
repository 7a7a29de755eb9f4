using System.Security.Claims;
using Incidents.Api.Audit;
using Incidents.Api.Security;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Escalation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Escalation;

/// <summary>
/// A tenant's escalation webhooks and its outbox's dead letters: tenant admins only, each change in the audit log.
/// A webhook's secret goes in and never comes out: views say <c>secretSet</c>.
/// </summary>
public static class EscalationWebhookEndpoints
{
    private const int MaxDeadLetters = 1_000;

    public static IEndpointRouteBuilder MapEscalationWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/escalation").WithTags("Escalation").RequireAuthorization(Roles.Admin);
        group.MapGet("/webhooks", List).WithSummary("The tenant's webhooks, by team; secrets are never shown (secretSet).");
        group.MapPut("/webhooks/{id}", Put)
            .WithSummary("Creates or replaces a webhook: {team, url, format: generic|slack|teams, secret (16+ characters)}. "
                + "Deliveries are POSTs signed with the secret (X-Incidents-Signature: v1=HMAC-SHA256 of \"{timestamp}.{body}\").")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/webhooks/{id}", Remove).WithSummary("Removes a webhook; its pending deliveries are dead-lettered.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/webhooks/{id}/test", Test)
            .WithSummary("Sends a test notice (marked as a drill) to the webhook's team: every webhook of that team hears it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/dead-letters", DeadLetters).WithSummary("Deliveries given up, newest first (limit: at most 1000).");
        group.MapPost("/dead-letters/{id}/replay", Replay).WithSummary("Puts a dead letter back in delivery, its attempts counted afresh.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Ok<WebhookSet>> List(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IEscalationWebhooksGrain>(EscalationWebhooks.Key(user.Tenant())).List());

    internal static async Task<Results<Created<WebhookView>, Ok<WebhookView>, ProblemHttpResult>> Put(
        string id, WebhookRequest? body, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, IConfiguration configuration,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (webhook, problem) = WebhookRequests.Check(id, body, configuration.GetValue<bool>(WebhookUrls.AllowPrivateNetworksSetting), user.Actor(), time.GetUtcNow());
        if (webhook is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a webhook", detail: problem);
        }

        var tenant = user.Tenant();
        var change = await grains.GetGrain<IEscalationWebhooksGrain>(EscalationWebhooks.Key(tenant)).Put(webhook);
        if (change.Webhook is not { } view)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many webhooks", detail: change.Refused);
        }

        await audit.Append(tenant, user.Actor(), change.Created ? "escalation.webhook.add" : "escalation.webhook.replace", id, WebhookRequests.Describe(view), cancellationToken);
        return change.Created ? TypedResults.Created($"/api/v1/escalation/webhooks/{id}", view) : TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Remove(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        var removed = EscalationWebhooks.IsName(id) ? await grains.GetGrain<IEscalationWebhooksGrain>(EscalationWebhooks.Key(tenant)).Remove(id) : null;
        if (removed is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such webhook", detail: "No webhook of this tenant has that id.");
        }

        await audit.Append(tenant, user.Actor(), "escalation.webhook.remove", id, WebhookRequests.Describe(removed), cancellationToken);
        return TypedResults.Ok(removed);
    }

    internal static async Task<Results<Accepted<TestNotice>, ProblemHttpResult>> Test(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        var webhook = EscalationWebhooks.IsName(id)
            ? (await grains.GetGrain<IEscalationWebhooksGrain>(EscalationWebhooks.Key(tenant)).List()).Webhooks.FirstOrDefault(w => w.Id == id)
            : null;
        if (webhook is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such webhook", detail: "No webhook of this tenant has that id.");
        }

        var marker = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var incident = $"webhook-test-{marker}";
        var notice = new EscalationNotice
        {
            EventId = $"{incident}:0",
            Kind = EscalationEventKind.Routed,
            IncidentId = incident,
            Title = $"Test notice for webhook {id}",
            Severity = Severity.Low,
            Team = webhook.Team,
            Level = "test",
            Reason = $"sent by {user.Actor()} to check the team's webhooks",
            At = time.GetUtcNow(),
            Drill = true,
        };
        await grains.GetGrain<IEscalationOutboxGrain>(EscalationOutbox.KeyOf(tenant, incident)).Enqueue(notice);
        await audit.Append(tenant, user.Actor(), "escalation.webhook.test", id, $"event {notice.EventId}", cancellationToken);
        return TypedResults.Accepted((string?)null, new TestNotice(notice.EventId, webhook.Team));
    }

    internal static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ProblemHttpResult>> DeadLetters(ClaimsPrincipal user, IGrainFactory grains, int? limit)
    {
        if (limit is < 1 or > MaxDeadLetters)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: $"'limit' is 1 to {MaxDeadLetters}.");
        }

        var tenant = user.Tenant();
        var shards = await Task.WhenAll(Enumerable.Range(0, EscalationOutbox.Shards)
            .Select(n => grains.GetGrain<IEscalationOutboxGrain>(EscalationOutbox.Key(tenant, n)).DeadLetters()));
        return TypedResults.Ok<IReadOnlyList<DeadLetter>>([.. shards.SelectMany(s => s).OrderByDescending(d => d.At).ThenBy(d => d.Id, StringComparer.Ordinal).Take(limit ?? 100)]);
    }

    internal static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> Replay(
        string id, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        DeadLetter? replayed = null;
        if (EscalationOutbox.IsDeliveryId(id))
        {
            // A delivery's id does not name its shard: each is asked; only the one holding it changes anything.
            var answers = await Task.WhenAll(Enumerable.Range(0, EscalationOutbox.Shards)
                .Select(n => grains.GetGrain<IEscalationOutboxGrain>(EscalationOutbox.Key(tenant, n)).Replay(id)));
            replayed = answers.FirstOrDefault(a => a is not null);
        }

        if (replayed is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter", detail: "No dead letter of this tenant has that id.");
        }

        await audit.Append(tenant, user.Actor(), "escalation.dead-letter.replay", id,
            $"event {replayed.EventId}, incident {replayed.IncidentId}, webhook {replayed.WebhookId}", cancellationToken);
        return TypedResults.Ok(replayed);
    }
}

/// <summary>The test notice sent: its event id (the receivers' <c>X-Incidents-Event-Id</c>) and the team told.</summary>
public sealed record TestNotice(string EventId, string Team);
