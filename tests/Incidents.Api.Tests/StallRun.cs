using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// Four forwarders posting batches (ten new hosts, an alert each) through a storage fault, each batch until it is
/// taken, and a monitor reading /health every quarter second; every answer is kept with when it was asked and how long
/// it took, to be judged against when the fault began and ended.
/// </summary>
internal sealed class StallRun(IncidentsSystem system)
{
    private const int Forwarders = 4;
    private const int BatchSize = 10;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Answer> _posts = [];
    private readonly List<Answer> _health = [];
    private readonly List<string[]> _taken = [];

    /// <summary>When the fault was put in place and taken away, on this run's clock.</summary>
    public (TimeSpan Began, TimeSpan Ended) Fault { get; private set; }

    public IReadOnlyList<Answer> Posts => Locked(_posts);

    public IReadOnlyList<Answer> Health => Locked(_health);

    /// <summary>The hosts of every batch answered 202, one alert each.</summary>
    public IReadOnlyList<string[]> Taken => Locked(_taken);

    /// <summary>
    /// Posts until <paramref name="before"/> batches are taken, puts the fault in place for <paramref name="duration"/>,
    /// takes it away, and goes on until a post is taken and /health is 200 again (within <paramref name="recovery"/>).
    /// </summary>
    public async Task Through(int before, Func<Task> begin, Func<Task> end, TimeSpan duration, TimeSpan recovery, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var ingest = system.CreateClient(TestKeys.Ingest);
        using var anonymous = system.CreateClient(apiKey: null);
        var forwarders = Enumerable.Range(0, Forwarders).Select(f => Forward(ingest, f, stop.Token)).ToList();
        var monitor = Monitor(anonymous, stop.Token);

        Assert.True(await Until(() => Taken.Count >= before, TimeSpan.FromSeconds(60), ct), "batches were not taken before the fault");
        await begin();
        var began = _clock.Elapsed;
        await Task.Delay(duration, ct); // the fault lasts this long: it is the scenario, not a wait for something to happen
        await end();
        Fault = (began, _clock.Elapsed);

        var recovered = await Until(() => Posts.Any(p => p.At > Fault.Ended && p.Status == HttpStatusCode.Accepted)
            && Health.Any(h => h.At > Fault.Ended && h.Status == HttpStatusCode.OK), recovery, ct);
        await stop.CancelAsync();
        await Task.WhenAll([.. forwarders, monitor]);
        Assert.True(recovered, $"not taking batches with /health 200 within {recovery.TotalSeconds} s of the fault's end");
    }

    private async Task Forward(HttpClient ingest, int forwarder, CancellationToken stop)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var hosts = Enumerable.Range(0, BatchSize).Select(i => $"stall-{_run}-{forwarder}-{batch}-{i}").ToArray();
            var body = new JsonArray([.. hosts.Select(h => Json.NativeAlert(h))]).ToJsonString();
            while (!stop.IsCancellationRequested)
            {
                var answer = await Ask(() => ingest.PostAsync("/api/v1/alerts", Json.Body(body), CancellationToken.None));
                Keep(_posts, answer);
                if (answer.Status == HttpStatusCode.Accepted)
                {
                    Keep(_taken, hosts);
                    break;
                }

                await Pause(TimeSpan.FromSeconds(1), stop); // as a forwarder backs off, shorter than Retry-After to see more answers
            }
        }
    }

    private async Task Monitor(HttpClient anonymous, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Keep(_health, await Ask(() => anonymous.GetAsync("/health", CancellationToken.None)));
            await Pause(TimeSpan.FromMilliseconds(250), stop);
        }
    }

    /// <summary>Asks once, reading the whole answer; a failure to answer at all is kept too (status null).</summary>
    private async Task<Answer> Ask(Func<Task<HttpResponseMessage>> send)
    {
        var at = _clock.Elapsed;
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(at, _clock.Elapsed - at, response.StatusCode, response.Headers.RetryAfter is not null,
                response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(at, _clock.Elapsed - at, null, false, null, e.Message);
        }
    }

    private static async Task Pause(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> Until(Func<bool> done, TimeSpan within, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(100, ct);
        }

        return true;
    }

    private static void Keep<T>(List<T> list, T item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static List<T> Locked<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    /// <param name="At">When it was asked, on the run's clock.</param>
    /// <param name="Took">From asking to having read the whole answer.</param>
    public sealed record Answer(TimeSpan At, TimeSpan Took, HttpStatusCode? Status, bool RetryAfter, string? MediaType, string Body)
    {
        public TimeSpan AnsweredAt => At + Took;

        public JsonNode? Json => Body.StartsWith('{') ? JsonNode.Parse(Body) : null;
    }
}
