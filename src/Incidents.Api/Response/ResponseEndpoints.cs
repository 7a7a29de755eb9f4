using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Incidents.Api.Security;
using Incidents.Contracts.Response;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Response;

public static partial class ResponseEndpoints
{
    private static readonly string[] SinceFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static IEndpointRouteBuilder MapResponseEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/metrics/response", Metrics).RequireAuthorization(Roles.Analyst).WithTags("Response")
            .WithSummary("Response times since a day (UTC; default 7 days ago), for one team or all: p50/p90/p99/max of time-to-triage, -enrichment, -escalation, -acknowledge, -contain and -resolve, and the incidents that breached their deadline.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static async Task<Results<Ok<ResponseReport>, ProblemHttpResult>> Metrics(
        ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, IConfiguration configuration, string? since, string? team)
    {
        var now = time.GetUtcNow();
        var daysKept = Math.Max(1, configuration.GetValue(ResponseRetention.DaysKeptKey, ResponseRetention.DaysKeptDefault));
        var earliest = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - daysKept);
        var from = now.AddDays(-7) < earliest ? earliest : now.AddDays(-7);
        if (since is not null)
        {
            if (!DateTimeOffset.TryParseExact(since, SinceFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out from))
            {
                return Refuse("'since' is an ISO-8601 date or date and time: 2026-05-01 or 2026-05-01T09:00:00Z.");
            }

            if (from > now)
            {
                return Refuse("'since' is in the future.");
            }

            if (from < earliest)
            {
                return Refuse(FormattableString.Invariant($"'since' is at most {daysKept} days ago (from {earliest:yyyy-MM-dd}): older figures are not kept."));
            }
        }

        if (team is not null && !TeamName().IsMatch(team))
        {
            return Refuse("'team' is a team id: lower-case letters, digits and '-', at most 63 characters.");
        }

        var report = await grains.GetGrain<IResponseStatsGrain>(ResponseStats.Key(user.Tenant())).Report(new ResponseQuery(from, team));
        return TypedResults.Ok(report);
    }

    private static ProblemHttpResult Refuse(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid query", detail: detail);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TeamName();
}
