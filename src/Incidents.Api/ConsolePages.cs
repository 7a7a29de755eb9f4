namespace Incidents.Api;

/// <summary>
/// The analyst console's static files (<c>wwwroot/</c>, bundled from <c>console/</c> by the build): served to anyone,
/// since they hold no data (every call for data needs a key), and the page's own routes answered with its
/// <c>index.html</c>. Only those routes: any other unknown path stays the API's 404 problem.
/// </summary>
public static class ConsolePages
{
    private const string Page = "index.html";

    /// <summary>The page's routes, which a reload or a link asks the server for.</summary>
    private static readonly string[] Routes =
    [
        "/incidents/{*path:nonfile}",
        "/hosts/{*path:nonfile}",
        "/users/{*path:nonfile}",
        "/metrics",
        "/admin/{*path:nonfile}",
        "/signed-in", // where the identity provider sends an analyst back with a code
    ];

    public static WebApplication UseConsoleFiles(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Bundled files carry their content's hash in their names: a changed file is a new name.
                if (context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });
        return app;
    }

    public static IEndpointRouteBuilder MapConsolePages(this IEndpointRouteBuilder routes)
    {
        foreach (var route in Routes)
        {
            routes.MapFallbackToFile(route, Page).AllowAnonymous().ExcludeFromDescription();
        }

        return routes;
    }
}
