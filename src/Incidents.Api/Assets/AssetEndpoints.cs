using System.Security.Claims;
using Incidents.Api.Audit;
using Incidents.Api.Hosts;
using Incidents.Api.Importing;
using Incidents.Api.Ingest;
using Incidents.Api.Security;
using Incidents.Contracts.Assets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Assets;

/// <summary>
/// A tenant's asset inventory: tenant admins and ingest keys (a CMDB's feed) put it as JSON or CSV, idempotently, each
/// bad row reported; analysts read a host's asset.
/// </summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/assets").WithTags("Assets");
        group.MapPut("/", Put).AsImport(routes)
            .WithSummary("Puts assets (application/json: an array of {name, addresses, owner, businessUnit, criticality 1-5, zone, tags}; "
                + "text/csv: a header row, lists separated by ';'); the same rows again change nothing. Answers each refused row with why.");
        group.MapGet("/{host}", Get).RequireAuthorization(Roles.Analyst)
            .WithSummary("What the inventory says of a host.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<AssetImportResult>, ProblemHttpResult>> Put(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, AuditLog audit, TimeProvider time, IOptions<ImportOptions> options,
        AddressNames addresses, CancellationToken cancellationToken)
    {
        if (ImportRequest.Media(request, ["application/json", "text/csv"],
            "Send the inventory as application/json (an array of assets) or text/csv (with a header row).", out var media) is { } unsupported)
        {
            return unsupported;
        }

        var (body, tooLarge) = await ImportRequest.BodyAsync(request, options.Value, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (assets, rejected, problem) = AssetRows.Read(body, media == "text/csv", time.GetUtcNow());
        if (problem is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an inventory", detail: problem);
        }

        var tenant = user.Tenant();
        var stored = await Task.WhenAll(assets.GroupBy(a => AssetBook.Shard(a.Asset.Name)).Select(async shard =>
            (Shard: shard, Changed: await grains.GetGrain<IAssetShardGrain>(AssetBook.ShardKey(tenant, shard.Key)).Put([.. shard.Select(a => a.Asset)]))));
        foreach (var (shard, _) in stored.Where(s => s.Changed is null))
        {
            rejected.AddRange(shard.Select(a => new AssetRejection(a.At, a.Asset.Name, "this shard of the tenant's inventory is full")));
        }

        // Then the address map, from every asset taken (not only those changed), so that a retried import completes it.
        var named = stored.Where(s => s.Changed is not null).SelectMany(s => s.Shard)
            .SelectMany(a => a.Asset.Addresses.Select(address => (Row: a, Name: new AddressName(address, a.Asset.Name))))
            .GroupBy(n => AssetBook.AddressShard(n.Name.Address)).ToArray();
        var mapped = await Task.WhenAll(named.Select(async shard =>
            (Shard: shard, Changed: await grains.GetGrain<IAssetAddressShardGrain>(AssetBook.AddressShardKey(tenant, shard.Key)).Put([.. shard.Select(n => n.Name)]))));
        foreach (var (shard, _) in mapped.Where(m => m.Changed is null))
        {
            rejected.AddRange(shard.Select(n => n.Row).Distinct().Select(a => new AssetRejection(a.At, a.Asset.Name, "taken, but this shard of the tenant's address map is full: its addresses are not named")));
        }

        addresses.Forget();
        var accepted = stored.Where(s => s.Changed is not null).Sum(s => s.Shard.Count());
        var changed = stored.Sum(s => s.Changed ?? 0);
        await audit.Append(tenant, user.Actor(), "assets.put", media == "text/csv" ? "csv" : "json",
            $"{accepted} assets taken ({changed} changed), {rejected.Count} refused", cancellationToken);
        return TypedResults.Ok(new AssetImportResult(accepted, changed, [.. rejected.OrderBy(r => r.Index)]));
    }

    internal static async Task<Results<Ok<Asset>, ProblemHttpResult>> Get(string host, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (HostKeys.TryNormalize(host, out var name)
            && await grains.GetGrain<IAssetShardGrain>(AssetBook.ShardKey(user.Tenant(), AssetBook.Shard(name))).Find(name) is { } asset)
        {
            return TypedResults.Ok(asset);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset", detail: "The inventory names no such host.");
    }
}

/// <summary>What an inventory import answers: the assets taken, how many of them changed, and each row refused.</summary>
public sealed record AssetImportResult(int Accepted, int Changed, IReadOnlyList<AssetRejection> Rejected);
