using System.Globalization;
using System.Security.Claims;
using Incidents.Api.Hosts;
using Incidents.Api.Security;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Hosts;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Incidents;

/// <summary>The queue analysts work from: a tenant's incidents, filtered, sorted and paged across the 16 queue shards.</summary>
public static class QueueEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;
    private const int MaxFilterLength = 256;
    private const int MaxMergeHops = 16;

    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Roles.Analyst)
            .MapGet("/", ListIncidents)
            .WithSummary("The queue: incidents matching every filter given (status repeatable; severity at least; assignee=me), sorted by updated, created or severity, a page at a time ({items, next, total}; pass next as cursor).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    /// <summary>A page: <see cref="Next"/> asks for the one after it (null on the last); <see cref="Total"/> counts every match.</summary>
    public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, string? Next, int Total);

    /// <summary>The query string, as text: each value is checked here, so that a bad one is a 400 that names it.</summary>
    public sealed class QueueParameters
    {
        public string[]? Status { get; init; }
        public string? Severity { get; init; }
        public string? Category { get; init; }
        public string? Host { get; init; }
        public string? User { get; init; }
        public string? Assignee { get; init; }
        public string? Team { get; init; }
        public string? Owner { get; init; }
        public string? Criticality { get; init; }
        public string? Tag { get; init; }
        public string? Q { get; init; }
        public string? CreatedFrom { get; init; }
        public string? CreatedTo { get; init; }
        public string? UpdatedFrom { get; init; }
        public string? UpdatedTo { get; init; }
        public string? Sort { get; init; }
        public string? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal static async Task<Results<Ok<IncidentPage>, ProblemHttpResult>> ListIncidents(
        [AsParameters] QueueParameters parameters, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (query, problem) = Parse(parameters, user);
        if (query is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a query the queue takes", detail: problem);
        }

        var tenant = user.Tenant();
        var page = await IncidentIndex.Query(grains, tenant, query);
        IReadOnlyList<IncidentSummary> items = page.Items;
        var total = page.Total;

        // A summary names only its first hosts, so the shards cannot find an incident by a host past those; on the first
        // page, the host's own grain adds the incident that holds it.
        if (query.Host is { } hostKey && query.After is null
            && await HeldBy(grains, tenant, hostKey) is { } held && !held.Hosts.Contains(hostKey, StringComparer.Ordinal)
            && (query with { Host = null }).Matches(held))
        {
            items = [held, .. items.Take(query.Limit - 1)];
            total++;
        }

        var next = page.Items.Count == query.Limit ? QueueCursor.Encode(QueueOrder.Position(items[^1], query.Sort)) : null;
        return TypedResults.Ok(new IncidentPage(items, next, total));
    }

    private static (IncidentQuery? Query, string? Problem) Parse(QueueParameters p, ClaimsPrincipal user)
    {
        var statuses = new List<IncidentStatus>();
        foreach (var text in p.Status ?? [])
        {
            if (!EnumNames.TryParse<IncidentStatus>(text, out var status))
            {
                return (null, $"'status' may be {EnumNames.List<IncidentStatus>()}, given once for each.");
            }

            statuses.Add(status);
        }

        Severity? minSeverity = null;
        if (p.Severity is { } severityText)
        {
            if (!EnumNames.TryParse<Severity>(severityText, out var severity))
            {
                return (null, $"'severity' (at least) may be {EnumNames.List<Severity>()}.");
            }

            minSeverity = severity;
        }

        var sort = IncidentSort.Updated;
        if (p.Sort is { } sortText && !EnumNames.TryParse(sortText, out sort))
        {
            return (null, $"'sort' may be {EnumNames.List<IncidentSort>()}.");
        }

        var limit = DefaultLimit;
        if (p.Limit is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, $"'limit' is from 1 to {MaxLimit}.");
        }

        string? hostKey = null;
        if (!string.IsNullOrEmpty(p.Host) && !HostKeys.TryNormalize(p.Host, out hostKey))
        {
            return (null, $"'host': {HostKeys.Rule}");
        }

        foreach (var (name, value) in new[] { ("category", p.Category), ("user", p.User), ("assignee", p.Assignee), ("team", p.Team), ("owner", p.Owner), ("tag", p.Tag), ("q", p.Q) })
        {
            if (value is not null && (value.Length is 0 or > MaxFilterLength || value.Any(char.IsControl)))
            {
                return (null, $"'{name}' is text of 1 to {MaxFilterLength} characters without control characters.");
            }
        }

        int? minCriticality = null;
        if (p.Criticality is { } criticalityText)
        {
            if (!int.TryParse(criticalityText, NumberStyles.None, CultureInfo.InvariantCulture, out var criticality) || criticality is < 1 or > 5)
            {
                return (null, "'criticality' is from 1 to 5: incidents whose most critical host is at least that.");
            }

            minCriticality = criticality;
        }

        var times = new DateTimeOffset?[4];
        var timeNames = new[] { ("createdFrom", p.CreatedFrom), ("createdTo", p.CreatedTo), ("updatedFrom", p.UpdatedFrom), ("updatedTo", p.UpdatedTo) };
        for (var i = 0; i < timeNames.Length; i++)
        {
            if (timeNames[i].Item2 is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) || text.Length > 40)
                {
                    return (null, $"'{timeNames[i].Item1}' is a time such as 2026-12-05T09:00:00Z.");
                }

                times[i] = time;
            }
        }

        QueuePosition? after = null;
        if (p.Cursor is { } cursor && !QueueCursor.TryDecode(cursor, sort, out after))
        {
            return (null, "'cursor' is the 'next' of an earlier page, asked for with the same sort.");
        }

        return (new IncidentQuery
        {
            Statuses = statuses,
            MinSeverity = minSeverity,
            Category = p.Category,
            Host = hostKey,
            User = p.User,
            Assignee = p.Assignee == "me" ? user.Actor() : p.Assignee,
            Team = p.Team,
            Owner = p.Owner,
            MinCriticality = minCriticality,
            Tag = p.Tag,
            Text = p.Q,
            CreatedFrom = times[0],
            CreatedTo = times[1],
            UpdatedFrom = times[2],
            UpdatedTo = times[3],
            Sort = sort,
            Limit = limit,
            After = after,
        }, null);
    }

    /// <summary>The incident a host's grain is in, followed through merges to the one that holds it now.</summary>
    private static async Task<IncidentSummary?> HeldBy(IGrainFactory grains, string tenant, string hostKey)
    {
        var id = (await grains.GetGrain<IHostGrain>(TenantScoped.Key(tenant, hostKey)).GetView()).OpenIncidentId;
        for (var hops = 0; id is not null && hops < MaxMergeHops; hops++)
        {
            var view = await grains.GetGrain<IIncidentGrain>(TenantScoped.Key(tenant, id)).GetView(0);
            if (view?.MergedInto is null)
            {
                return view?.Summary;
            }

            id = view.MergedInto;
        }

        return null;
    }
}
