using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Analysts signing in with their identity provider's tokens instead of keys: roles and tenant from the token's claims,
/// and a token that is expired, forged, for another audience or issuer, or names no tenant gets nothing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BearerSignInTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_token_gives_its_roles_in_its_tenant_and_nothing_more()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"bearer-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);

        using var analyst = Client(TestTokens.Create("ana@example.com", ["analyst"], "default"));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/hosts/{host}", ct)).StatusCode);
        var refused = await analyst.PostAsync("/api/v1/alerts", Json.Body("[]"), ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/audit", ct)).StatusCode);

        using var otherTenant = Client(TestTokens.Create("ana@acme.example", ["analyst", "admin"], TestKeys.OtherTenant));
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"/api/v1/hosts/{host}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTenant.GetAsync("/api/v1/admin/keys", ct)).StatusCode);
    }

    [Fact]
    public async Task An_installation_admin_signed_in_by_token_is_the_actor_in_the_audit_log()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = Client(TestTokens.Create("root@example.com", ["installation-admin"], "default"));
        var tenant = $"initech-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "Initech", ["id"] = tenant }), ct)).StatusCode);

        var audit = (await Json.Read(await admin.GetAsync($"/api/v1/audit?tenantId={tenant}", ct))).AsArray();
        Assert.Equal("root@example.com", (string)audit.Single()!["actor"]!);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "expired", TestTokens.Create("ana", ["analyst"], "default", lifetime: TimeSpan.FromMinutes(-5)) },
        { "forged", TestTokens.Create("ana", ["analyst"], "default", signingKey: new byte[32]) },
        { "another audience", TestTokens.Create("ana", ["analyst"], "default", audience: "someone-else") },
        { "another issuer", TestTokens.Create("ana", ["analyst"], "default", issuer: "https://evil.test.invalid/") },
        { "no tenant", TestTokens.Create("ana", ["analyst"], tenant: null) },
        { "a tenant with a slash", TestTokens.Create("ana", ["analyst"], "default/../acme") },
        { "a tenant that is a dot segment", TestTokens.Create("ana", ["analyst"], "..") },
        { "a tenant with a final newline", TestTokens.Create("ana", ["analyst"], "default\n") },
        { "a tenant in capitals", TestTokens.Create("ana", ["analyst"], "DEFAULT") },
        { "not a token", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_with_problem_details(string why, string token)
    {
        using var client = Client(token);
        var response = await client.GetAsync("/api/v1/incidents?limit=1", TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient Client(string token) => fixture.System.CreateBearerClient(token);
}
