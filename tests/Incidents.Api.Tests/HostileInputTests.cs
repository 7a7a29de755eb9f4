using System.Net;
using System.Text;

namespace Incidents.Api.Tests;

[Collection(SystemCollection.Name)]
public sealed class HostileInputTests(SystemFixture fixture)
{
    private static string NewHost() => $"hostile-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Hostile_lines_are_rejected_one_by_one_and_the_good_lines_between_them_are_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = NewHost();
        var good = () => Json.NativeAlert(host).ToJsonString();
        string[] hostile =
        [
            new string('[', 10_000) + new string(']', 10_000),
            $$"""{"source":"x","time":"2026-11-27T08:00:00Z","title":"{{new string('A', 2_000_000)}}","severity":"high","host":"{{host}}"}""",
            """{"source":"x","time":"2026-11-27T08:00:00Z","title":"t","severity":NaN,"host":"h"}""",
            """{"source":"x","time":"2026-11-27T08:00:00Z","title":"t","title":"u","severity":"high","host":"h"}""",
            """{"source":["x"],"time":{},"title":7,"severity":true,"host":null}""",
            """{"source":"x","time":"2026-02-30T08:00:00Z","title":"t","severity":"high","host":"h"}""",
            """{"source":"x","time":"99999999999999999999","title":"t","severity":"high","host":"h"}""",
            """{"event_type":"alert","src_ip":"999.1.1.1","dest_ip":"10.0.0.1","timestamp":"2017-03-25T16:49:58.856335-0600","alert":{"signature":"s","signature_id":1,"severity":1}}""",
            "null",
            "\"just a string\"",
        ];

        var lines = new List<byte[]>();
        foreach (var bad in hostile)
        {
            lines.Add(Encoding.UTF8.GetBytes(good()));
            lines.Add(Encoding.UTF8.GetBytes(bad));
        }

        lines.Add([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]); // invalid UTF-8 inside a string
        lines.Add(Encoding.UTF8.GetBytes(good()));
        var body = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await fixture.Ingest.PostAsync("/api/v1/alerts", content, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.Read(response);
        Assert.Equal(hostile.Length + 1, (int)result["accepted"]!);
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal(hostile.Length + 1, rejected.Count);
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace((string?)r!["error"])));
        Assert.Equal(hostile.Length + 1, (int)(await Json.Read(await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct)))["alertCount"]!);
    }

    [Theory]
    [InlineData("/api/v1/incidents/%00")]
    [InlineData("/api/v1/hosts/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/hosts/%E2%80%AEnever-named-by-any-test")]
    [InlineData("/api/v1/users/a%2Fb")]
    public async Task Strange_ids_are_refused_never_errors(string path)
    {
        // Kestrel itself refuses a NUL in the path (400); the rest reach the API and name nothing (404).
        var response = await fixture.Analyst.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
    }

    [Fact]
    public async Task A_very_long_host_key_is_404()
    {
        var response = await fixture.Analyst.GetAsync("/api/v1/hosts/" + new string('a', 5000), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
