using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// The cross-tenant matrix: every endpoint the OpenAPI document lists, called by every kind of caller of another tenant
/// with this tenant's real ids (its incident, host, user, key) in the path and the query. Each answer is 404, or
/// 401/403 for a role that may not, or the other tenant's own data: none of it names anything of this tenant, and a 404
/// says no more than the 404 for ids that never existed.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CrossTenantTests(SystemFixture fixture)
{
    [Fact]
    public async Task Another_tenants_callers_get_404_or_403_for_every_endpoint_and_nothing_of_this_tenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await TenantAObjects(ct);

        var callers = new (string Who, HttpClient Client)[]
        {
            ("acme analyst key", fixture.System.CreateClient(TestKeys.OtherTenantAnalyst)),
            ("acme ingest key", fixture.System.CreateClient(TestKeys.OtherTenantIngest)),
            ("acme admin token", fixture.System.CreateBearerClient(TestTokens.Create("boss@acme.example", ["analyst", "admin", "ingest"], TestKeys.OtherTenant))),
        };

        var endpoints = (await OpenApiEndpoints.Read(fixture.System, ct)).Select(e => (e.Method, Path: WithTenantAIds(e.Template, e.Operation, a))).ToList();
        Assert.True(endpoints.Count >= 12, $"only {endpoints.Count} endpoints");

        var wrong = new List<string>();
        var answered = 0;
        var never = TenantA.NeverExisting();
        foreach (var (method, path) in endpoints)
        {
            foreach (var (who, client) in callers)
            {
                var (status, body) = await Send(client, method, path, ct);
                if (status is not (404 or 401 or 403 or 400) && status is < 200 or > 299)
                {
                    wrong.Add($"{who}: {method} {path}: {status}");
                }

                if (status is >= 200 and <= 299)
                {
                    answered++;
                }

                if (status == 404)
                {
                    // The same question about ids that never existed must get the same answer, word for word.
                    var (otherStatus, otherBody) = await Send(client, method, a.Swap(path, never), ct);
                    if (otherStatus != 404 || never.Swap(otherBody, a) != body)
                    {
                        wrong.Add($"{who}: {method} {path}: 404 unlike the one for ids that never existed ({otherStatus}: {otherBody} / {body})");
                    }

                    continue;
                }

                foreach (var secret in a.All.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    wrong.Add($"{who}: {method} {path}: the answer names tenant A's '{secret}'");
                }
            }
        }

        foreach (var (_, client) in callers)
        {
            client.Dispose();
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(answered > 0, "no endpoint answered the other tenant at all: the matrix tested nothing but refusals");
    }

    /// <summary>Tenant A (the default tenant): an incident on a host, a user that logged on to it, a key issued to it, a suppression, a proposal.</summary>
    private async Task<TenantA> TenantAObjects(CancellationToken ct)
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var host = $"ws-a-{marker}";
        var user = $"corp\\alice-{marker}";
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct)).StatusCode);
        var logon = new JsonObject
        {
            ["EventID"] = 4624, ["Hostname"] = host, ["TargetUserName"] = $"alice-{marker}", ["TargetDomainName"] = "CORP",
            ["LogonType"] = "3", ["IpAddress"] = "10.9.9.9", ["@timestamp"] = "2026-11-27T09:00:00.000Z", ["EventRecordID"] = 4243,
        };
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(logon), ct)).StatusCode);

        var incident = (string)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"]!;
        var userFound = await Poll.Until(
            async () => (await fixture.Analyst.GetAsync($"/api/v1/users/{Uri.EscapeDataString(user)}", ct)).StatusCode,
            status => status == HttpStatusCode.OK);
        Assert.True(userFound == HttpStatusCode.OK, "tenant A's user never appeared");

        using var installation = fixture.System.CreateClient(TestKeys.InstallationAdmin);
        var issued = await installation.PostAsync("/api/v1/admin/keys", Json.Body(new JsonObject { ["tenantId"] = "default", ["role"] = "analyst", ["name"] = $"key-{marker}" }), ct);
        var keyId = (string)(await Json.Read(issued))["id"]!;

        using var admin = fixture.System.CreateClient(TestKeys.Admin);
        var suppressed = await admin.PostAsync("/api/v1/triage/suppressions", Json.Body(new JsonObject { ["ruleId"] = $"rule-{marker}", ["reason"] = "tenant A's own" }), ct);
        Assert.Equal(HttpStatusCode.Created, suppressed.StatusCode);
        var suppression = (string)(await Json.Read(suppressed))["id"]!;
        var drill = await admin.PostAsync("/api/v1/drills", Json.Body(new JsonObject { ["scenario"] = "exfiltration" }), ct);
        Assert.Equal(HttpStatusCode.Accepted, drill.StatusCode);
        return new TenantA(incident, host, user, keyId, suppression, await Proposal(marker, ct), (string)(await Json.Read(drill))["id"]!);
    }

    /// <summary>A suppression proposed to tenant A: three incidents of one rule on one host resolved as false positives.</summary>
    private async Task<string> Proposal(string marker, CancellationToken ct)
    {
        var host = $"fp-a-{marker}";
        string? last = null;
        for (var hour = 0; hour < 3; hour++)
        {
            var alert = Json.NativeAlert(host);
            (alert["ruleId"], alert["technique"], alert["time"]) = ($"rule-fp-{marker}", null, DateTimeOffset.UtcNow.AddHours(hour - 4).ToString("O"));
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(alert), ct)).StatusCode);
            var before = last;
            last = await Poll.Until(
                async () => (string?)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["openIncidentId"],
                id => id is not null && id != before);
            await fixture.Analyst.PostAsync($"/api/v1/incidents/{last}/status",
                Json.Body(new JsonObject { ["status"] = "resolved", ["reason"] = "r", ["classification"] = "falsePositive" }), ct);
        }

        return (string)(await Json.Read(await fixture.Analyst.GetAsync("/api/v1/triage/proposals", ct))).AsArray()
            .Single(p => (string)p!["host"]! == host)!["id"]!;
    }

    private static string WithTenantAIds(string template, JsonNode operation, TenantA a)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(template, "{([^}]+)}", m => template switch
        {
            // A task tenant A's incident has: every incident gets a runbook's tasks (the default runbook's when none of its categories has one).
            _ when m.Groups[1].Value == "taskId" => "default-1",
            _ when template.Contains("/incidents/", StringComparison.Ordinal) => a.Incident,
            _ when template.Contains("/hosts/", StringComparison.Ordinal) => a.Host,
            _ when template.Contains("/users/", StringComparison.Ordinal) => Uri.EscapeDataString(a.User),
            _ when template.Contains("/keys/", StringComparison.Ordinal) => a.KeyId,
            _ when template.Contains("/suppressions/", StringComparison.Ordinal) => a.Suppression,
            _ when template.Contains("/proposals/", StringComparison.Ordinal) => a.Proposal,
            _ when template.Contains("/drills/", StringComparison.Ordinal) => a.Drill,
            _ => "probe-1",
        });

        // Query parameters that name things: tenant A's.
        var query = (operation["parameters"]?.AsArray() ?? [])
            .Where(p => (string?)p?["in"] == "query")
            .Select(p => (string)p!["name"]!)
            .Select(name => name switch
            {
                "host" => $"host={a.Host}",
                "tenantId" => "tenantId=default",
                _ => null,
            })
            .OfType<string>()
            .ToList();
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>The status and the JSON body, without its trace id (which differs on every request).</summary>
    private static async Task<(int Status, string Body)> Send(HttpClient client, string method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            // An incident's actions take an object (an empty one is a whole acknowledge), so that they reach the incident.
            request.Content = Json.Body(path.StartsWith("/api/v1/incidents/", StringComparison.Ordinal) ? "{}" : "[]");
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = "";
        if (response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json")
        {
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            if (node is JsonObject o)
            {
                o.Remove("traceId");
            }

            body = node?.ToJsonString() ?? "";
        }

        return ((int)response.StatusCode, body);
    }

    private sealed record TenantA(string Incident, string Host, string User, string KeyId, string Suppression, string Proposal, string Drill)
    {
        public IEnumerable<string> All => [Incident, Host, User.Split('\\')[1], KeyId, Suppression, Proposal, Drill];

        /// <summary>Ids of the same shapes that no tenant has.</summary>
        public static TenantA NeverExisting()
        {
            var marker = Guid.NewGuid().ToString("N")[..10];
            return new TenantA(Guid.NewGuid().ToString("N"), $"ws-a-{marker}", $"corp\\alice-{marker}", Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString("N")[..16], Guid.NewGuid().ToString("N")[..16], Guid.NewGuid().ToString("N")[..12]);
        }

        /// <summary><paramref name="text"/> with these ids (raw and escaped) replaced by <paramref name="other"/>'s.</summary>
        public string Swap(string text, TenantA other)
        {
            foreach (var (mine, theirs) in new[] { (Incident, other.Incident), (Host, other.Host), (KeyId, other.KeyId), (Suppression, other.Suppression), (Proposal, other.Proposal), (Drill, other.Drill), (User.Split('\\')[1], other.User.Split('\\')[1]) })
            {
                text = text.Replace(mine, theirs, StringComparison.Ordinal);
            }

            return text;
        }
    }
}
