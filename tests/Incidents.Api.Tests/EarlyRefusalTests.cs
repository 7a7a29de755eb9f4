using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// A refusal answered before the body is read (415, 401, 403, 413 by Content-Length) reaches a client that writes its
/// whole body first (see <see cref="RawHttp"/>), for bodies up to the endpoint's limit and a declared length past it:
/// the status and its problem details are read, with no reset or broken pipe on the way.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EarlyRefusalTests(SystemFixture fixture)
{
    private const long FourMegabytes = 4 * 1024 * 1024;
    private const long IngestLimit = 16 * 1024 * 1024;
    private const long GeneralLimit = 1024 * 1024;

    // Slower than loopback: 16 MB take over 6 s, past Kestrel's own 5 s drain.
    private const int SlowLink = 25;

    public static TheoryData<string, string, string, long, int, int> Refusals() => new()
    {
        { "wrong content type", "/api/v1/alerts", $"X-Api-Key: {TestKeys.Ingest}\r\nContent-Type: text/plain\r\n", FourMegabytes, 415, 0 },
        { "no key", "/api/v1/alerts", "Content-Type: application/json\r\n", FourMegabytes, 401, 0 },
        { "no key, events", "/api/v1/events", "Content-Type: application/json\r\n", FourMegabytes, 401, 0 },
        { "wrong role", "/api/v1/alerts", $"X-Api-Key: {TestKeys.Analyst}\r\nContent-Type: application/json\r\n", FourMegabytes, 403, 0 },
        { "no key, at the limit, slow link", "/api/v1/alerts", "Content-Type: application/json\r\n", IngestLimit, 401, SlowLink },
        { "over the limit by Content-Length", "/api/v1/alerts", $"X-Api-Key: {TestKeys.Ingest}\r\nContent-Type: application/json\r\n", IngestLimit + 1, 413, 0 },
        { "over the limit by Content-Length, slow link", "/api/v1/alerts", $"X-Api-Key: {TestKeys.Ingest}\r\nContent-Type: application/json\r\n", IngestLimit + 1, 413, SlowLink },
        { "wrong role outside ingest, at its limit", "/api/v1/admin/tenants", $"X-Api-Key: {TestKeys.Analyst}\r\nContent-Type: application/json\r\n", GeneralLimit, 403, 0 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_is_read_by_a_client_that_sends_its_whole_body_first_and_the_connection_serves_again(
        string what, string path, string headers, long bodyBytes, int status, int pauseMilliseconds)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await RawHttp.ConnectAsync(fixture.System.Api.BaseAddress, ct);

        var answer = await http.PostAsync(path, headers, bodyBytes, ct, TimeSpan.FromMilliseconds(pauseMilliseconds));

        AssertProblem(answer, status, what);
        Assert.False(answer.Closes, $"{what}: the connection is closed after the answer");
        var next = await http.GetAsync("/health", ct);
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public async Task Outside_ingest_a_body_over_the_limit_by_Content_Length_is_refused_readably_and_the_connection_ends_cleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await RawHttp.ConnectAsync(fixture.System.Api.BaseAddress, ct);

        var answer = await http.PostAsync(
            "/api/v1/admin/tenants", $"X-Api-Key: {TestKeys.InstallationAdmin}\r\nContent-Type: application/json\r\n", GeneralLimit + 1, ct);

        // Kestrel refused the length itself, and ends a connection it refused a body on: after the answer, without a reset.
        AssertProblem(answer, 413, "over the general limit");
        Assert.True(await http.EndsCleanlyAsync(ct));
    }

    [Fact]
    public async Task A_client_that_stops_sending_has_its_answer_at_once_and_is_not_held()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = await RawHttp.ConnectAsync(fixture.System.Api.BaseAddress, ct);

        // A megabyte of a declared 4 MB, then nothing: the refusal is already there to read.
        var answer = await http.PostAsync("/api/v1/alerts", "Content-Type: application/json\r\n", FourMegabytes, ct, stopAfter: GeneralLimit);
        AssertProblem(answer, 401, "stalled");

        // Kestrel's minimum data rate is an average the megabyte already sent keeps above 240 bytes/s for an hour:
        // the drain's own deadline (30 s) is what ends the connection.
        Assert.True(await http.EndsWithinAsync(TimeSpan.FromSeconds(45), ct), "the server held a stalled connection");
    }

    private static void AssertProblem(RawHttp.Answer answer, int status, string what)
    {
        Assert.True(status == answer.Status, $"{what}: {answer.Status} {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType?.Split(';')[0]);
        Assert.Equal(status, (int)JsonNode.Parse(answer.Body)!["status"]!);
    }
}
