using System.Net;
using Incidents.Testing;

namespace Incidents.Api.Tests;

[Collection(SystemCollection.Name)]
public sealed class KeyTests(SystemFixture fixture)
{
    public static TheoryData<string, string, string?, HttpStatusCode> Requests => new()
    {
        { "POST", "/api/v1/alerts", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/alerts", "inc_not_a_key", HttpStatusCode.Unauthorized },
        { "POST", "/api/v1/alerts", TestKeys.Analyst, HttpStatusCode.Forbidden },
        { "POST", "/api/v1/alerts", TestKeys.Admin, HttpStatusCode.Accepted },
        { "GET", "/api/v1/incidents", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/incidents", TestKeys.Ingest, HttpStatusCode.Forbidden },
        { "GET", "/api/v1/incidents", TestKeys.Admin, HttpStatusCode.OK },
        { "GET", "/api/v1/hosts/ws-1", TestKeys.Ingest, HttpStatusCode.Forbidden },
        { "GET", "/api/v1/hosts/ws-1", null, HttpStatusCode.Unauthorized },

        // The Orleans dashboard shows every tenant's grain state: the installation's administrators only.
        { "GET", "/dashboard/", null, HttpStatusCode.Unauthorized },
        { "GET", "/dashboard/", TestKeys.Analyst, HttpStatusCode.Forbidden },
        { "GET", "/dashboard/", TestKeys.Admin, HttpStatusCode.Forbidden },
        { "GET", "/dashboard/", TestKeys.InstallationAdmin, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Each_role_may_do_only_its_own_work(string method, string path, string? key, HttpStatusCode expected)
    {
        using var client = fixture.System.CreateClient(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Json.Body("[]");
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Another_tenants_analyst_sees_nothing_of_this_tenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = $"tenant-{Guid.NewGuid():N}"[..20];
        await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct);
        var id = (string)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"]!;

        using var other = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/incidents/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/hosts/{host}", ct)).StatusCode);
        Assert.Empty((await Json.Items(await other.GetAsync($"/api/v1/incidents?host={host}", ct))));
    }
}
