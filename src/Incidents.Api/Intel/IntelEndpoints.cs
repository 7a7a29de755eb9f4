using System.Security.Claims;
using Incidents.Api.Audit;
using Incidents.Api.Importing;
using Incidents.Api.Ingest;
using Incidents.Api.Security;
using Incidents.Contracts.Intel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Intel;

/// <summary>
/// A tenant's threat intelligence: STIX 2.1 bundles and CSV lists taken by tenant admins and ingest keys (automated
/// feeds), each refused indicator reported with why; any analyst looks a value up.
/// </summary>
public static class IntelEndpoints
{
    public static IEndpointRouteBuilder MapIntelEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/intel").WithTags("Intelligence");
        group.MapPost("/", Import).AsImport(routes)
            .WithSummary("Takes a STIX 2.1 bundle (application/json or application/stix+json; indicators with one comparison of an address, "
                + "network, domain, URL or file hash) or a CSV list (text/csv: type,value[,source,confidence,expiry,name]); "
                + "answers how many were stored and each one refused, with why.");
        group.MapGet("/{**value}", Lookup).RequireAuthorization(Roles.Analyst)
            .WithSummary("What the tenant's intelligence says of a value: an address (exactly, and the networks that hold it), a domain, a URL or a hash.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static async Task<Results<Ok<IntelImportResult>, ProblemHttpResult>> Import(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, IOptions<ImportOptions> options,
        string? source, CancellationToken cancellationToken)
    {
        if (ImportRequest.Media(request, ["application/json", "application/stix+json", "text/csv"],
            "Send a STIX 2.1 bundle as application/json (or application/stix+json), or a CSV list as text/csv.", out var media) is { } unsupported)
        {
            return unsupported;
        }

        if (source is { } named && (named.Length is 0 or > 128 || named.Any(char.IsControl)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad source", detail: "'source' is text of 1 to 128 characters.");
        }

        var (body, tooLarge) = await ImportRequest.BodyAsync(request, options.Value, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var now = time.GetUtcNow();
        var import = media == "text/csv" ? IntelCsv.Read(body, source ?? user.Actor(), now) : StixBundles.Read(body, now);
        if (import.Problem is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not intelligence", detail: problem);
        }

        var tenant = user.Tenant();
        var rejected = new List<IntelRejection>(import.Rejected);
        var stored = await Task.WhenAll(import.Indicators
            .GroupBy(i => i.Indicator.Kind == IndicatorKind.Network ? -1 : IntelBook.Shard(i.Indicator.Key))
            .Select(async shard =>
            {
                var indicators = shard.Select(i => i.Indicator).ToArray();
                var held = shard.Key < 0
                    ? await grains.GetGrain<IIntelNetworksGrain>(IntelBook.NetworksKey(tenant)).Put(indicators)
                    : await grains.GetGrain<IIntelShardGrain>(IntelBook.ShardKey(tenant, shard.Key)).Put(indicators);
                return (Shard: shard, Stored: held is not null);
            }));
        foreach (var (shard, _) in stored.Where(s => !s.Stored))
        {
            rejected.AddRange(shard.Select(i => new IntelRejection(i.At, i.Indicator.StixId,
                shard.Key < 0 ? $"the tenant holds {IntelBook.MaxNetworks} networks already" : "this shard of the tenant's intelligence is full")));
        }

        var accepted = stored.Where(s => s.Stored).Sum(s => s.Shard.Count());
        await audit.Append(tenant, user.Actor(), "intel.import", media == "text/csv" ? "csv" : "stix",
            $"{accepted} indicators stored, {rejected.Count} refused, {import.Skipped} objects not indicators", cancellationToken);
        return TypedResults.Ok(new IntelImportResult(accepted, [.. rejected.OrderBy(r => r.Index)], import.Skipped));
    }

    internal static async Task<Results<Ok<IntelMatch>, ProblemHttpResult>> Lookup(string value, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var kind = IntelValues.Guess(value);
        var (normalised, problem) = IntelValues.Normalise(kind, value);
        if (normalised is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a value to look up", detail: problem);
        }

        var tenant = user.Tenant();
        var key = Indicator.LookupKey(kind, normalised);
        var found = await grains.GetGrain<IIntelShardGrain>(IntelBook.ShardKey(tenant, IntelBook.Shard(key))).Find([key]);
        if (kind == IndicatorKind.Ip && System.Net.IPAddress.TryParse(normalised, out var address))
        {
            var networks = await grains.GetGrain<IIntelNetworksGrain>(IntelBook.NetworksKey(tenant)).List();
            found = [.. found, .. networks.Where(n => n.Contains(address))];
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(new IntelMatch(normalised, kind, [.. found.Select(i => new IntelHit(i, i.IsValidAt(now)))]));
    }
}

/// <summary>What the intelligence says of one value; <c>valid</c> false for an indicator not yet or no longer in force.</summary>
public sealed record IntelMatch(string Value, IndicatorKind Kind, IReadOnlyList<IntelHit> Indicators);

public sealed record IntelHit(Indicator Indicator, bool Valid);
