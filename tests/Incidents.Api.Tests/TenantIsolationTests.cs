using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// An attacker holding another tenant's ingest key names hosts and accounts as paths (<c>../default/victim</c>, and
/// every spelling of it) in every field a name enters by. Once every grain has written its state, the default tenant's
/// stored state and views hold nothing of the attacker's, and the attacker's grains loaded nothing of the victim's.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TenantIsolationTests(SystemFixture fixture)
{
    [Fact]
    public async Task Hostile_host_and_account_names_of_another_tenant_never_reach_this_tenants_state()
    {
        var ct = TestContext.Current.CancellationToken;
        var m = Guid.NewGuid().ToString("N")[..10];
        var victimHost = $"victim-{m}";
        var victimUser = $"victim-u-{m}";
        var planted = $"PLANTED-{m}";

        // The victim: tenant default, a host with an incident and an account that logged on to it, all in storage.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts",
            Json.Body(Json.NativeAlert(victimHost, title: $"ORIGINAL-{m}")), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/events", Json.Body(Logon(victimHost, victimUser, 1)), ct)).StatusCode);
        Assert.True(await Eventually(async () => (await StoredWith(m, ct)).Count(b => b.Name.Contains("default/", StringComparison.Ordinal)) >= 2),
            "the victim's host and user state never reached storage");

        // The attacker: every spelling of a path to the victim, through every field a host or account name enters by.
        string[] paths =
        [
            $"../default/{victimHost}", $"..\\default\\{victimHost}", $"../../default/{victimHost}", $"/../default/{victimHost}",
            $"..%2fdefault%2f{victimHost}", $"%2e%2e%2fdefault%2f{victimHost}", $"..%5cdefault%5c{victimHost}",
            $"．．／default／{victimHost}", $"..\u2215default\u2215{victimHost}", $"....//default//{victimHost}",
            $"./{victimHost}", $"{victimHost}/..", $"acme/../default/{victimHost}",
        ];
        var attack = new JsonArray();
        var sequence = 0;
        foreach (var path in paths)
        {
            attack.Add(Planted(path, planted, ++sequence));
            var viaEndpoints = Planted(null, planted, ++sequence);
            viaEndpoints["src"] = new JsonObject { ["hostName"] = path + "-src" };
            viaEndpoints["dst"] = new JsonObject { ["hostName"] = path + "-dst", ["port"] = 445 };
            attack.Add(viaEndpoints);
            attack.Add(new JsonObject
            {
                ["@timestamp"] = $"2026-11-27T10:00:{sequence % 60:00}.000Z",
                ["event"] = new JsonObject { ["kind"] = "alert", ["severity"] = 73, ["id"] = $"ecs-{m}-{++sequence}" },
                ["rule"] = new JsonObject { ["name"] = planted, ["id"] = "R-9" },
                ["host"] = new JsonObject { ["name"] = path + "-ecs" },
                ["user"] = new JsonObject { ["name"] = "../default/" + victimUser },
            });
            attack.Add(new JsonObject
            {
                ["class_uid"] = 2004, ["activity_id"] = 1, ["time"] = 1764237600123 + sequence, ["severity_id"] = 4,
                ["metadata"] = new JsonObject { ["version"] = "1.3.0", ["product"] = new JsonObject { ["name"] = "Falcon" } },
                ["finding_info"] = new JsonObject { ["uid"] = $"ocsf-{m}-{++sequence}", ["title"] = planted },
                ["device"] = new JsonObject { ["hostname"] = path + "-ocsf" },
            });
        }

        // A 503 takes nothing for certain (the cluster was busy): the attacker, as any client, posts again.
        using var attackerIngest = fixture.System.CreateClient(TestKeys.OtherTenantIngest);
        var posted = await Poll.Until(() => attackerIngest.PostAsync("/api/v1/alerts", Json.Body(attack), ct), r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var answer = await Json.Read(posted);
        Assert.True((int)answer["accepted"]! + (int)answer["duplicates"]! == attack.Count, $"not every planted alert was taken as the attacker's own: {answer.ToJsonString()}");

        var logons = new JsonArray([.. paths.Select((path, i) => (JsonNode)Logon(path + "-logon", $"../default/{victimUser}", 100 + i)),
            .. paths.Select((path, i) => (JsonNode)Logon($"logon-{m}-{i}", path.Replace(victimHost, victimUser, StringComparison.Ordinal), 200 + i))]);
        var loggedOn = await Poll.Until(() => attackerIngest.PostAsync("/api/v1/events", Json.Body(logons), ct), r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Accepted, loggedOn.StatusCode);
        var loggedOnAnswer = await Json.Read(loggedOn);
        // The Windows parser refuses some of these computer names itself, with a reason; the accounts are all taken.
        var refused = loggedOnAnswer["rejected"]!.AsArray().Select(r => (int)r!["index"]!).ToList();
        Assert.True((int)loggedOnAnswer["accepted"]! + refused.Count == logons.Count && refused.All(i => i < paths.Length),
            $"planted logons lost or refused: {loggedOnAnswer.ToJsonString()}");

        // Every host the attack named has written its state (each holds the planted title): then look.
        var hostsNamed = paths.Length * 5;
        Assert.True(await Eventually(async () => (await StoredWith(m, ct)).Count(b => b.Holds(planted)) >= hostsNamed),
            $"fewer than {hostsNamed} blobs ever held the planted alerts: some hostile names share a blob");

        var stored = await StoredWith(m, ct);
        var wrong = stored.Where(b => b.Holds(planted) && !b.Name.Contains("acme/", StringComparison.Ordinal)).Select(b => b.Name).ToList();
        Assert.True(wrong.Count == 0, $"outside the attacker's tenant, these blobs hold its alerts: {string.Join(", ", wrong)}");
        var victims = stored.Where(b => b.Name.Contains($"default/{victimHost}", StringComparison.Ordinal) || b.Name.Contains($"default/{victimUser}", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, victims.Count);
        Assert.All(victims, b => Assert.False(b.Holds(planted) || b.Holds("acme"), $"{b.Name} holds the attacker's data"));

        // What the victim's analysts see: their own host and account, nothing planted.
        var host = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{victimHost}", ct));
        Assert.DoesNotContain(planted, host.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(host["recentAlerts"]!.AsArray());
        var user = await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/users/{victimUser}", ct));
        Assert.Equal([victimHost, "10.9.9.9"], user["hosts"]!.AsArray().Select(h => (string)h!["host"]!).Order(StringComparer.Ordinal).Reverse());
        var incidents = await fixture.Analyst.GetStringAsync($"/api/v1/incidents?limit=500", ct);
        Assert.DoesNotContain(planted, incidents, StringComparison.Ordinal);

        // What the attacker's analysts see under the hostile names: their own alerts, nothing of the victim's.
        using var attacker = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        foreach (var path in paths)
        {
            var theirs = await attacker.GetStringAsync($"/api/v1/incidents?host={Uri.EscapeDataString(path)}", ct);
            Assert.Contains(planted, theirs, StringComparison.Ordinal);
            Assert.DoesNotContain($"ORIGINAL-{m}", theirs, StringComparison.Ordinal);
        }

        var theirUser = await attacker.GetAsync($"/api/v1/users/{Uri.EscapeDataString($"../default/{victimUser}")}", ct);
        Assert.Equal(HttpStatusCode.OK, theirUser.StatusCode);
        Assert.DoesNotContain($"\"{victimHost}\"", await theirUser.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws..01")]
    [InlineData("corp\\alice")]
    [InlineData("web.example.")]
    [InlineData("~7e")]
    public async Task Odd_but_legitimate_names_work_each_in_its_own_tenant(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var m = Guid.NewGuid().ToString("N")[..8];
        var mine = $"{name}-{m}";
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(mine, title: $"MINE-{m}")), ct)).StatusCode);
        using var acmeIngest = fixture.System.CreateClient(TestKeys.OtherTenantIngest);
        Assert.Equal(HttpStatusCode.Accepted, (await acmeIngest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(mine, title: $"THEIRS-{m}")), ct)).StatusCode);

        var escaped = Uri.EscapeDataString(mine);
        var ours = await fixture.Analyst.GetStringAsync($"/api/v1/incidents?host={escaped}", ct);
        Assert.Contains($"MINE-{m}", ours, StringComparison.Ordinal);
        Assert.DoesNotContain($"THEIRS-{m}", ours, StringComparison.Ordinal);
        using var acme = fixture.System.CreateClient(TestKeys.OtherTenantAnalyst);
        var theirs = await acme.GetStringAsync($"/api/v1/incidents?host={escaped}", ct);
        Assert.Contains($"THEIRS-{m}", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain($"MINE-{m}", theirs, StringComparison.Ordinal);
    }

    private static JsonObject Planted(string? host, string title, int sequence)
    {
        var alert = Json.NativeAlert(host ?? "unused", title: title);
        alert["time"] = $"2026-11-27T10:{sequence / 60 % 60:00}:{sequence % 60:00}Z";
        if (host is null)
        {
            alert.Remove("host");
        }

        alert["user"] = "../default/planted";
        return alert;
    }

    private static JsonObject Logon(string host, string user, int record) => new()
    {
        ["EventID"] = 4624, ["Hostname"] = host, ["TargetUserName"] = user, ["LogonType"] = "3", ["IpAddress"] = "10.9.9.9",
        ["@timestamp"] = $"2026-11-27T09:{record / 60 % 60:00}:{record % 60:00}.000Z", ["EventRecordID"] = 9000 + record,
    };

    /// <summary>Every blob, in every container, whose name holds the marker, with its content.</summary>
    private async Task<List<StoredBlob>> StoredWith(string marker, CancellationToken ct)
    {
        var service = new BlobServiceClient(fixture.System.Azurite.ConnectionString);
        var found = new List<StoredBlob>();
        await foreach (var container in service.GetBlobContainersAsync(cancellationToken: ct))
        {
            var client = service.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: ct))
            {
                if (blob.Name.Contains(marker, StringComparison.Ordinal))
                {
                    var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToArray();
                    found.Add(new StoredBlob($"{container.Name}/{blob.Name}", content));
                }
            }
        }

        return found;
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition) =>
        await Poll.Until(condition, done => done, TimeSpan.FromSeconds(45));

    private sealed record StoredBlob(string Name, byte[] Content)
    {
        public bool Holds(string text) => Content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
