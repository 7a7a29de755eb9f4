using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Tenants and keys managed end to end by the installation's administrator: a new tenant, keys issued for it that work
/// for their role and tenant only, a revocation and an expiry that hold from the next request, and an audit log of it
/// all that only the right administrators read.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccessTests(SystemFixture fixture)
{
    [Fact]
    public async Task A_new_tenant_gets_keys_that_work_for_it_alone_until_revoked_and_every_change_is_audited()
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var tenant = $"globex-{Guid.NewGuid():N}"[..15];

        var created = await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "Globex", ["id"] = tenant }), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(tenant, (string)(await Json.Read(created))["id"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "Again", ["id"] = tenant }), ct)).StatusCode);
        Assert.Contains((await Json.Read(await installation.GetAsync("/api/v1/admin/tenants", ct))).AsArray(), t => (string)t!["id"]! == tenant);

        var ingest = await Issue(installation, tenant, "ingest", expires: null, ct);
        var analyst = await Issue(installation, tenant, "analyst", expires: null, ct);
        Assert.Matches("^inc_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$", ingest.Key);

        // Listed, never with a secret.
        var listed = (await Json.Read(await installation.GetAsync($"/api/v1/admin/keys?tenantId={tenant}", ct))).AsArray();
        Assert.Equal(new[] { ingest.Id, analyst.Id }.Order(), listed.Select(k => (string)k!["id"]!).Order());
        Assert.DoesNotContain(listed.ToJsonString(), ingest.Key[17..], StringComparison.Ordinal);

        // The tenant's own data, for its roles only.
        var host = $"globex-ws-{Guid.NewGuid():N}"[..20];
        using var globexIngest = fixture.System.CreateClient(ingest.Key);
        using var globexAnalyst = fixture.System.CreateClient(analyst.Key);
        Assert.Equal(HttpStatusCode.Accepted, (await globexIngest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await globexAnalyst.GetAsync($"/api/v1/hosts/{host}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await globexAnalyst.PostAsync("/api/v1/alerts", Json.Body("[]"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)).StatusCode);

        // Revoked: refused from the next request on.
        Assert.Equal(HttpStatusCode.NoContent, (await installation.DeleteAsync($"/api/v1/admin/keys/{ingest.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await globexIngest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await installation.DeleteAsync("/api/v1/admin/keys/nosuchkey000", ct)).StatusCode);
        var revoked = (await Json.Read(await installation.GetAsync($"/api/v1/admin/keys?tenantId={tenant}", ct))).AsArray()
            .Single(k => (string)k!["id"]! == ingest.Id)!;
        Assert.NotNull(revoked["revoked"]);

        // The audit log: the tenant's, for the installation's administrator; another tenant's admin reads only their own.
        var audit = (await Json.Read(await installation.GetAsync($"/api/v1/audit?tenantId={tenant}", ct))).AsArray();
        Assert.Equal(["key.revoked", "key.issued", "key.issued", "tenant.added"], audit.Select(e => (string)e!["action"]!).ToArray());
        Assert.All(audit, e => Assert.Equal("test-installation-admin", (string)e!["actor"]!));
        using var defaultAdmin = fixture.System.CreateClient(TestKeys.Admin);
        var theirs = (await Json.Read(await defaultAdmin.GetAsync($"/api/v1/audit?tenantId={tenant}", ct))).AsArray();
        Assert.DoesNotContain(theirs, e => (string)e!["tenant"]! == tenant);
        Assert.Equal(HttpStatusCode.Forbidden, (await globexAnalyst.GetAsync("/api/v1/audit", ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_through_one_API_instance_is_refused_by_another_on_its_next_request()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var second = await fixture.System.AddApiAsync();
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var key = await Issue(installation, "default", "analyst", expires: null, ct);
        using var elsewhere = fixture.System.CreateClient(key.Key, second);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/incidents?limit=1", ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await installation.DeleteAsync($"/api/v1/admin/keys/{key.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/incidents?limit=1", ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_stops_working_when_it_expires()
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var key = await Issue(installation, "default", "analyst", DateTimeOffset.UtcNow.AddSeconds(3), ct);
        using var client = fixture.System.CreateClient(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/incidents?limit=1", ct)).StatusCode);

        var last = await Poll.Until(
            async () => (await client.GetAsync("/api/v1/incidents?limit=1", ct)).StatusCode,
            status => status == HttpStatusCode.Unauthorized);
        Assert.True(last == HttpStatusCode.Unauthorized, "the key still worked 30 s after it expired");
    }

    [Fact]
    public async Task Only_the_installations_administrator_manages_tenants_and_keys_and_bad_requests_say_why()
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        using var tenantAdmin = fixture.System.CreateClient(TestKeys.Admin);
        var issued = await Issue(installation, "default", "admin", expires: null, ct);
        using var issuedAdmin = fixture.System.CreateClient(issued.Key);

        foreach (var admin in new[] { tenantAdmin, issuedAdmin })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "Mine" }), ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/admin/keys", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/dashboard/", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/audit", ct)).StatusCode);
        }

        foreach (var (body, why) in new (JsonObject, string)[]
        {
            (new JsonObject { ["tenantId"] = "no-such-tenant", ["role"] = "analyst" }, "no-such-tenant"),
            (new JsonObject { ["tenantId"] = "default", ["role"] = "root" }, "role"),
            (new JsonObject { ["tenantId"] = "default", ["role"] = "analyst", ["expires"] = "2020-01-01T00:00:00Z" }, "expires"),
            (new JsonObject { ["role"] = "analyst" }, "tenantId"),
        })
        {
            var response = await installation.PostAsync("/api/v1/admin/keys", Json.Body(body), ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(why, (string)(await Json.Read(response))["detail"]!, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "" }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "X", ["id"] = "../etc" }), ct)).StatusCode);
    }

    [Theory]
    [InlineData("default\n")]
    [InlineData("acme\r")]
    [InlineData("x-\u0000")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData(" acme")]
    public async Task A_tenant_id_is_checked_exactly_and_a_refused_one_is_never_created(string id)
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var response = await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = "Almost", ["id"] = id }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var tenants = (await Json.Read(await installation.GetAsync("/api/v1/admin/tenants", ct))).AsArray().Select(t => (string)t!["id"]!);
        Assert.DoesNotContain(id, tenants);
        var keyFor = await installation.PostAsync("/api/v1/admin/keys", Json.Body(new JsonObject { ["tenantId"] = id, ["role"] = "analyst" }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, keyFor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await installation.GetAsync($"/api/v1/audit?tenantId={Uri.EscapeDataString(id)}", ct)).StatusCode);
    }

    [Theory]
    [InlineData("soc\r\nactor: root")]
    [InlineData("soc\u0000")]
    [InlineData("soc\u202Etoor")]
    [InlineData("   ")]
    public async Task Names_of_keys_and_tenants_hold_no_control_or_format_characters(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var key = await installation.PostAsync("/api/v1/admin/keys", Json.Body(new JsonObject { ["tenantId"] = "default", ["role"] = "analyst", ["name"] = name }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        Assert.Contains("'name'", (string)(await Json.Read(key))["detail"]!, StringComparison.Ordinal);
        var tenant = await installation.PostAsync("/api/v1/admin/tenants", Json.Body(new JsonObject { ["name"] = name, ["id"] = $"n-{Guid.NewGuid():N}"[..12] }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, tenant.StatusCode);
    }

    private static async Task<(string Id, string Key)> Issue(HttpClient installation, string tenant, string role, DateTimeOffset? expires, CancellationToken ct)
    {
        var body = new JsonObject { ["tenantId"] = tenant, ["role"] = role };
        if (expires is { } at)
        {
            body["expires"] = at.ToString("O");
        }

        var response = await installation.PostAsync("/api/v1/admin/keys", Json.Body(body), ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await Json.Read(response);
        return ((string)issued["id"]!, (string)issued["key"]!);
    }
}
