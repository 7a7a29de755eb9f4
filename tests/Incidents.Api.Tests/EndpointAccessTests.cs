using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Every endpoint the OpenAPI document lists, so that a new endpoint is covered the day it is mapped: no key or a
/// wrong key is 401, a key (or a token) whose role may not use it is 403, and no endpoint is open to every role.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EndpointAccessTests(SystemFixture fixture)
{
    /// <summary>
    /// Open by design, and nothing else: what the console needs before anyone has signed in (the identity provider to
    /// send them to; no secret, no tenant data). Checked below to answer without a key.
    /// </summary>
    private static readonly HashSet<(string Method, string Path)> Open = [("GET", "/api/v1/console/sign-in")];

    [Fact]
    public async Task The_endpoints_open_by_design_answer_without_a_key_and_are_still_listed()
    {
        var ct = TestContext.Current.CancellationToken;
        var endpoints = await Endpoints(ct);
        foreach (var (method, path) in Open)
        {
            Assert.Contains((method, path), endpoints);
            Assert.Equal(HttpStatusCode.OK, await Send(method, path, null, ct));
        }
    }

    [Fact]
    public async Task Every_listed_endpoint_refuses_no_key_and_wrong_keys_with_401_and_other_roles_with_403()
    {
        var ct = TestContext.Current.CancellationToken;
        var endpoints = await Endpoints(ct);
        Assert.True(endpoints.Count >= 8, $"only {endpoints.Count} endpoints in the OpenAPI document");

        var wrong = new List<string>();
        foreach (var (method, path) in endpoints.Where(e => !Open.Contains(e)))
        {
            foreach (var key in new string?[] { null, "inc_not_a_key", TestKeys.Ingest + "x" })
            {
                var status = await Send(method, path, key, ct);
                if (status != HttpStatusCode.Unauthorized)
                {
                    wrong.Add($"{method} {path} with key '{key ?? "(none)"}': {(int)status}, expected 401");
                }
            }

            var refused = 0;
            foreach (var (role, key) in new[]
            {
                ("ingest", TestKeys.Ingest), ("analyst", TestKeys.Analyst), ("admin", TestKeys.Admin), ("installation-admin", TestKeys.InstallationAdmin),
            })
            {
                var status = await Send(method, path, key, ct);
                if (status == HttpStatusCode.Forbidden)
                {
                    refused++;
                    if (role == "installation-admin")
                    {
                        wrong.Add($"{method} {path}: 403 for the installation-admin role, which every policy admits");
                    }
                }
                else if (status == HttpStatusCode.Unauthorized || (int)status >= 500)
                {
                    wrong.Add($"{method} {path} as {role}: {(int)status}");
                }
            }

            if (refused == 0)
            {
                wrong.Add($"{method} {path}: open to every role");
            }

            // Signed in by the identity provider, with no role: valid, and allowed nothing.
            var roleless = await Send(method, path, null, ct, bearer: TestTokens.Create("nobody", [], "default"));
            if (roleless != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{method} {path} with a token without roles: {(int)roleless}, expected 403");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private async Task<List<(string Method, string Path)>> Endpoints(CancellationToken ct) =>
        [.. (await OpenApiEndpoints.Read(fixture.System, ct)).Select(e => (e.Method, Concrete(e.Template, e.Operation)))];

    /// <summary>
    /// A path template with every parameter filled in with a value of its type (a route constraint that does not match
    /// makes the path another one): authorization comes before the id is looked at.
    /// </summary>
    private static string Concrete(string template, JsonNode operation)
    {
        var numbers = (operation["parameters"]?.AsArray() ?? [])
            .Where(p => (string?)p?["in"] == "path" && ((string?)p?["schema"]?["type"] is "integer" or "number"))
            .Select(p => (string?)p?["name"])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return System.Text.RegularExpressions.Regex.Replace(template, "{([^}]+)}",
            m => numbers.Contains(m.Groups[1].Value) ? "1" : "probe-1");
    }

    private async Task<HttpStatusCode> Send(string method, string path, string? key, CancellationToken ct, string? bearer = null)
    {
        using var client = bearer is null ? fixture.System.CreateClient(key) : fixture.System.CreateBearerClient(bearer);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = Json.Body("[]");
        }

        // Headers are enough, and some endpoints stream (the dashboard's live trace).
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return response.StatusCode;
    }
}
