namespace Incidents.Api.Cluster;

/// <summary>
/// The Orleans dashboard's per-silo pages parse the address in their path inside a silo, where a malformed one fails
/// a grain's activation and comes back as a 500. Checked here first, so that it is a 400 like any bad id.
/// </summary>
internal static class DashboardSiloAddresses
{
    private static readonly string[] SiloPages = ["HistoricalStats", "SiloProperties", "SiloMetadata", "SiloCounters", "SiloStats"];

    /// <summary>After authorization: only admins get this far, and the others keep their 401 and 403.</summary>
    public static WebApplication UseDashboardSiloAddressCheck(this WebApplication app, string prefix)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(prefix, out var rest) && IsMalformed(rest.Value))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a silo address",
                    detail: "A silo address looks like 127.0.0.1:11111@123456789, as the dashboard lists them.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool IsMalformed(string? rest)
    {
        var parts = (rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !SiloPages.Contains(parts[0], StringComparer.Ordinal))
        {
            return false;
        }

        try
        {
            SiloAddress.FromParsableString(Uri.UnescapeDataString(parts[1]));
            return false;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return true;
        }
    }
}
