using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Cloud sign-ins end to end: Security Lake's CloudTrail sign-ins name no host of the estate, and are kept on their
/// accounts, once, in their own tenant.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CloudSignInTests(SystemFixture fixture)
{
    private const string SecurityLake = "ocsf/security-lake-cloudtrail-authentication.ndjson";

    /// <summary>
    /// The real file: anaya's two console sign-ins and one failed one from 192.0.2.0, and JohnDoe's AssumeRole from
    /// 192.0.2.101 (OCSF's user of it is the role session, johndoe-ec2-dev; its outcome is "Other").
    /// </summary>
    [Fact]
    public async Task Security_lake_sign_ins_are_kept_on_their_accounts_once_and_only_in_their_tenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = await File.ReadAllTextAsync(SharedData.Path(SecurityLake), ct);

        var response = await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(body, "application/x-ndjson"), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal((4, 0), ((int)result["accepted"]!, (int)result["duplicates"]!));
        Assert.Empty(result["rejected"]!.AsArray());

        var consoleLogin = DateTimeOffset.FromUnixTimeMilliseconds(1668097474000);
        var anaya = await User(fixture.Analyst, "anaya", ct);
        Assert.Empty(anaya["hosts"]!.AsArray());
        Assert.Equal((consoleLogin, consoleLogin), (anaya["firstSeen"]!.GetValue<DateTimeOffset>(), anaya["lastSeen"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(("192.0.2.0", "cloudtrail", consoleLogin, consoleLogin, 2, 1), SignIn(Assert.Single(anaya["signIns"]!.AsArray())!));
        var readme = """[{"address":"192.0.2.0","source":"cloudtrail","firstSeen":"2022-11-10T16:24:34+00:00","lastSeen":"2022-11-10T16:24:34+00:00","successes":2,"failures":1}]""";
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(readme), anaya["signIns"]), $"not as the README shows it: {anaya["signIns"]}");

        var assumeRole = DateTimeOffset.FromUnixTimeMilliseconds(1405696059000);
        var john = await User(fixture.Analyst, "johndoe-ec2-dev", ct);
        Assert.Equal(("192.0.2.101", "cloudtrail", assumeRole, assumeRole, 0, 0), SignIn(Assert.Single(john["signIns"]!.AsArray())!));

        // No host of the estate took part: no host grain was made of the addresses.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync("/api/v1/hosts/192.0.2.0", ct)).StatusCode);

        // The same batch again, as a client's retry: nothing counted twice.
        var again = await Json.Read(await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(body, "application/x-ndjson"), ct));
        Assert.Equal((0, 4), ((int)again["accepted"]!, (int)again["duplicates"]!));
        Assert.Equal(anaya.ToJsonString(), (await User(fixture.Analyst, "anaya", ct)).ToJsonString());
        Assert.Equal(john.ToJsonString(), (await User(fixture.Analyst, "johndoe-ec2-dev", ct)).ToJsonString());

        // Another tenant sees none of it, and the same file there is its own, counted apart.
        using var acme = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync("/api/v1/users/anaya", ct)).StatusCode);
        using var acmeIngest = fixture.System.CreateClient(TestKeys.OtherTenantIngest);
        var theirs = await Json.Read(await acmeIngest.PostAsync("/api/v1/events", Json.Body(body, "application/x-ndjson"), ct));
        Assert.Equal((4, 0), ((int)theirs["accepted"]!, (int)theirs["duplicates"]!));
        Assert.Equal(("192.0.2.0", "cloudtrail", consoleLogin, consoleLogin, 2, 1), SignIn(Assert.Single((await User(acme, "anaya", ct))["signIns"]!.AsArray())!));
        Assert.Equal(anaya.ToJsonString(), (await User(fixture.Analyst, "anaya", ct)).ToJsonString());
    }

    [Fact]
    public async Task A_sign_in_that_names_no_account_either_is_refused_with_its_reason_beside_the_kept_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (user, host) = ($"pat-{marker}", $"ws-{marker}");
        var batch = string.Join('\n',
            SignInLine(user, $"{marker}-1", new JsonObject { ["ip"] = "198.51.100.7" }),
            SignInLine(null, $"{marker}-2", new JsonObject { ["ip"] = "198.51.100.7" }),
            SignInLine(user, $"{marker}-3", new JsonObject { ["ip"] = "198.51.100.7x" }),
            SignInLine(user, $"{marker}-4", new JsonObject { ["ip"] = "10.1.2.3", ["hostname"] = host }));

        var response = await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(batch, "application/x-ndjson"), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal((2, 0), ((int)result["accepted"]!, (int)result["duplicates"]!));
        Assert.Equal(
            [
                (1, "the event names no internal host (source and destination are outside the internal networks) and no account"),
                (2, "'src_endpoint.ip' is not an IP address: '198.51.100.7x'"),
            ],
            result["rejected"]!.AsArray().Select(r => ((int)r!["index"]!, (string)r["error"]!)));

        // The sign-in from an internal host is the host's, as ever, and no cloud sign-in.
        var view = await User(fixture.Analyst, user, ct);
        Assert.Equal([host], view["hosts"]!.AsArray().Select(h => (string)h!["host"]!));
        var signIn = SignIn(Assert.Single(view["signIns"]!.AsArray())!);
        Assert.Equal(("198.51.100.7", "okta", 1, 0), (signIn.Address, signIn.Source, signIn.Successes, signIn.Failures));
    }

    /// <summary>An Okta sign-in as OCSF Authentication, from <paramref name="source"/>, naming <paramref name="user"/> if any.</summary>
    private static string SignInLine(string? user, string uid, JsonObject source)
    {
        var item = new JsonObject
        {
            ["class_uid"] = 3002, ["activity_id"] = 1, ["time"] = 1700000000000, ["status_id"] = 1,
            ["metadata"] = new JsonObject { ["product"] = new JsonObject { ["name"] = "Okta" }, ["uid"] = uid },
            ["src_endpoint"] = source,
        };
        if (user is not null)
        {
            item["user"] = new JsonObject { ["name"] = user };
        }

        return item.ToJsonString();
    }

    private static async Task<JsonNode> User(HttpClient client, string name, CancellationToken ct)
    {
        var response = await client.GetAsync($"/api/v1/users/{Uri.EscapeDataString(name)}", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.Read(response);
    }

    private static (string? Address, string Source, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Successes, int Failures) SignIn(JsonNode s) =>
        ((string?)s["address"], (string)s["source"]!, s["firstSeen"]!.GetValue<DateTimeOffset>(), s["lastSeen"]!.GetValue<DateTimeOffset>(),
         (int)s["successes"]!, (int)s["failures"]!);
}
