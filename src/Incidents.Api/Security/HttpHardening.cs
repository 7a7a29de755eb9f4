namespace Incidents.Api.Security;

/// <summary>
/// What every response and request gets whatever the endpoint: security headers (a content security policy that lets
/// pages load only their own scripts, no framing, no sniffing, no referrer), <c>no-store</c> unless an endpoint says otherwise, no <c>Server</c> banner,
/// HSTS outside Development, request bodies capped at 1 MB (ingest endpoints raise their own), what an endpoint left of
/// a body drained so that an early refusal is read (<see cref="UnreadBodyDrain"/>), and CORS closed unless origins are
/// configured (<c>Incidents:Cors:Origins</c>).
/// </summary>
public static class HttpHardening
{
    public const long MaxRequestBodyBytes = 1024 * 1024;
    private const string CorsPolicy = "configured-origins";

    /// <summary>The policy; the console may also fetch from the identity provider it signs in through (its discovery and token endpoints).</summary>
    private static string ContentSecurityPolicy(Uri? signInAuthority) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + $"connect-src 'self'{(signInAuthority is null ? "" : " " + signInAuthority.GetLeftPart(UriPartial.Authority))}; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static string[]? CorsOrigins(IConfiguration configuration) => configuration.GetSection("Incidents:Cors:Origins").Get<string[]>();

    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            o.AddServerHeader = false; // no product banner for scanners
        });
        if (CorsOrigins(builder.Configuration) is { Length: > 0 } origins)
        {
            builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.WithOrigins(origins)
                .WithMethods("GET", "POST", "DELETE")
                .WithHeaders(ApiKeyAuthenticationHandler.Header, "Authorization", "Content-Type")));
        }

        return builder;
    }

    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        // Outermost, so that it drains after every refusal: authentication, authorization, rate limits, the endpoint's own.
        app.UseUnreadBodyDrain();
        var contentSecurityPolicy = ContentSecurityPolicy(
            BearerOptions.From(app.Configuration).ConsoleAuthority());
        app.Use((context, next) =>
        {
            // At the start of the response, so that answers the exception handler rewrites carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Tenant data, the OpenAPI document and the Orleans dashboard alike: nothing is for a shared cache.
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (CorsOrigins(app.Configuration) is { Length: > 0 })
        {
            app.UseCors(CorsPolicy);
        }

        return app;
    }
}
