using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Incidents.LoadGenerator;

/// <summary>
/// One run against a running system: posts the workload with <c>--concurrency</c> batches in flight (paced when a
/// rate is set), honours 429/503 with Retry-After by posting the same batch again, follows the chain and exfil
/// alerts to their incidents as it goes, then checks the ground truth.
/// </summary>
public static class LoadRun
{
    /// <summary>Retries of one batch after 429/503 before the batch is given up.</summary>
    public const int MaxRetriesPerBatch = 60;

    /// <summary>Attempts of one batch that get no answer at all (refused, reset, timed out) before it is given up.</summary>
    public const int MaxTransportFailuresPerBatch = 5;

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <param name="ingest">A client with the ingest key and the system's address as its base address.</param>
    /// <param name="analyst">A client with the analyst key and the same base address.</param>
    /// <param name="progress">Where to write a line now and then while it runs; null for none.</param>
    public static async Task<LoadReport> RunAsync(LoadOptions options, HttpClient ingest, HttpClient analyst, CancellationToken cancellationToken, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(analyst);

        var startedAt = DateTimeOffset.UtcNow;
        var workload = Workload.Create(options, RandomNumberGenerator.GetInt32(1, 1 << 24), startedAt);
        var feed = new AlertFeed(workload);
        var api = new AnalystApi(analyst);
        var truth = new GroundTruth(workload, api);
        var checking = !options.DryRun && !options.NoCheck;
        Say(progress, F($"run {workload.RunId}: {(options.Duration is { } d ? $"{d.TotalSeconds:N0} s" : $"{options.Alerts:N0} alerts")} to {options.Url}{(options.DryRun ? " (dry run)" : "")}"));
        if (checking)
        {
            await truth.TakeBaselineAsync(cancellationToken);
        }

        using var watch = options.DryRun ? null : new VisibilityWatch(api, cancellationToken);

        var poster = new Poster(options, ingest, watch, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        using var ticker = progress is null ? null : new Timer(_ => Say(progress, poster.Progress(Stopwatch.GetElapsedTime(started))), null, 5_000, 5_000);
        var slot = -1L;
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (options.Rate > 0)
                {
                    var due = TimeSpan.FromSeconds(Interlocked.Increment(ref slot) * options.Batch / options.Rate);
                    var wait = due - Stopwatch.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                }

                var elapsed = options.Duration is { } duration ? Stopwatch.GetElapsedTime(started) / duration : 0;
                if (feed.Next(elapsed) is not { } batch)
                {
                    return;
                }

                await poster.PostAsync(batch);
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        var postingWall = poster.LastAnswer is 0 ? Stopwatch.GetElapsedTime(started) : Stopwatch.GetElapsedTime(started, poster.LastAnswer);
        if (ticker is not null)
        {
            await ticker.DisposeAsync();
        }

        Say(progress, F($"posted {feed.Position:N0} alerts in {postingWall.TotalSeconds:N1} s"));

        if (watch is not null)
        {
            Say(progress, "waiting for the chain and exfil alerts to show in their incidents");
            await watch.WaitAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        GroundTruthResult? check = null;
        if (checking)
        {
            Say(progress, "checking the ground truth");
            check = await truth.CheckAsync(poster.AcceptedPerHost, cancellationToken);
        }

        return new LoadReport
        {
            Options = options,
            RunId = workload.RunId,
            StartedAt = startedAt,
            EventStart = workload.EventStart,
            Posting = poster.Result(postingWall),
            Tracked = workload.Tracked,
            VisibilityReads = api.Reads,
            VisibilityReadErrors = watch?.ReadErrors ?? 0,
            PollMs = watch?.PollMs ?? [],
            Check = check,
        };
    }

    private static void Say(TextWriter? progress, string line)
    {
        if (progress is not null)
        {
            lock (progress)
            {
                progress.WriteLine(F($"[{DateTime.Now:HH:mm:ss}] {line}"));
            }
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts batches and keeps count of what the answers say.</summary>
    private sealed class Poster(LoadOptions options, HttpClient ingest, VisibilityWatch? watch, CancellationToken cancellationToken)
    {
        private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");
        private readonly Uri path = new(options.DryRun ? "api/v1/alerts?dryRun=true" : "api/v1/alerts", UriKind.Relative);
        private readonly HttpStatusCode success = options.DryRun ? HttpStatusCode.OK : HttpStatusCode.Accepted;
        private readonly Lock gate = new();
        private readonly List<double> latencies = [];
        private readonly Dictionary<string, int> errors = new(StringComparer.Ordinal);
        private long posted, accepted, duplicates, rejected, batches, failedBatches, failedAlerts, throttled, unavailable, retries, transportFailures;
        private double slowestSinceProgress;

        public long[] AcceptedPerHost { get; } = new long[options.Hosts];

        /// <summary><see cref="Stopwatch"/> timestamp of the last answer to a batch, 0 before the first.</summary>
        public long LastAnswer { get; private set; }

        public string Progress(TimeSpan elapsed)
        {
            lock (gate)
            {
                // The slowest answer since the last line shows when in a run the tail of the latency happens.
                var slowest = slowestSinceProgress;
                slowestSinceProgress = 0;
                return F($"{elapsed.TotalSeconds:N0} s: {posted:N0} alerts posted, {accepted:N0} accepted ({accepted / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s), slowest answer {slowest:N0} ms, {throttled + unavailable:N0} 429/503, {failedBatches:N0} batches failed");
            }
        }

        public async Task PostAsync(PreparedBatch batch)
        {
            var retried = 0;
            var transport = 0;
            Interlocked.Add(ref posted, batch.Count);
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new ReadOnlyMemoryContent(batch.Body);
                    content.Headers.ContentType = Ndjson;
                    using var response = await ingest.PostAsync(path, content, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var answered = Stopwatch.GetTimestamp();
                    if (response.StatusCode == success)
                    {
                        Accept(batch, body, Stopwatch.GetElapsedTime(sent, answered), answered);
                        return;
                    }

                    if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref response.StatusCode == HttpStatusCode.TooManyRequests ? ref throttled : ref unavailable);
                        if (retried++ >= MaxRetriesPerBatch)
                        {
                            Fail(batch, F($"{(int)response.StatusCode} {MaxRetriesPerBatch + 1} times in a row"), answered);
                            return;
                        }

                        Interlocked.Increment(ref retries);
                        await Task.Delay(RetryAfter(response), cancellationToken);
                        continue;
                    }

                    Fail(batch, F($"{(int)response.StatusCode} {Snippet(body)}"), answered);
                    return;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Interlocked.Increment(ref transportFailures);
                    if (++transport >= MaxTransportFailuresPerBatch)
                    {
                        Fail(batch, $"no answer: {e.Message}", Stopwatch.GetTimestamp());
                        return;
                    }

                    Interlocked.Increment(ref retries);
                    await Task.Delay(DefaultRetryAfter, cancellationToken);
                }
            }
        }

        private static TimeSpan RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultRetryAfter);
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
        }

        private void Accept(PreparedBatch batch, byte[] body, TimeSpan latency, long answered)
        {
            var (accepted, duplicates, rejected) = ReadAnswer(body);
            var refused = rejected.Select(r => r.Index).ToHashSet();
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch.BackgroundHosts[i] >= 0 && !refused.Contains(i))
                {
                    Interlocked.Increment(ref AcceptedPerHost[batch.BackgroundHosts[i]]);
                }
            }

            foreach (var (item, alert) in batch.Tracked)
            {
                if (!refused.Contains(item))
                {
                    alert.Accepted = true;
                    alert.AcceptedAt = answered;
                    watch?.Add(alert);
                }
            }

            lock (gate)
            {
                this.accepted += accepted;
                this.duplicates += duplicates;
                this.rejected += rejected.Count;
                batches++;
                latencies.Add(latency.TotalMilliseconds);
                slowestSinceProgress = Math.Max(slowestSinceProgress, latency.TotalMilliseconds);
                foreach (var (_, error) in rejected)
                {
                    Count($"rejected: {error}");
                }

                LastAnswer = Math.Max(LastAnswer, answered);
            }
        }

        private void Fail(PreparedBatch batch, string error, long answered)
        {
            lock (gate)
            {
                failedBatches++;
                failedAlerts += batch.Count;
                Count(F($"batch failed: {error}"));
                LastAnswer = Math.Max(LastAnswer, answered);
            }
        }

        private void Count(string error) => errors[error] = errors.GetValueOrDefault(error) + 1;

        public PostingResult Result(TimeSpan wall)
        {
            lock (gate)
            {
                return new PostingResult(posted, accepted, duplicates, rejected, batches, failedBatches, failedAlerts, throttled, unavailable, retries,
                    transportFailures, wall, [.. latencies.Order()], errors.OrderByDescending(e => e.Value).Take(10).Select(e => (e.Key, e.Value)).ToArray());
            }
        }

        /// <summary><c>accepted</c>, <c>duplicates</c> and <c>rejected</c> of the answer, skipping the rest (a dry run's alerts).</summary>
        private static (int Accepted, int Duplicates, List<(int Index, string Error)> Rejected) ReadAnswer(byte[] body)
        {
            int accepted = 0, duplicates = 0;
            var rejected = new List<(int, string)>();
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("accepted"u8))
                {
                    reader.Read();
                    accepted = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("duplicates"u8))
                {
                    reader.Read();
                    duplicates = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("rejected"u8))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        int index = -1;
                        string error = "";
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("index"u8))
                            {
                                reader.Read();
                                index = reader.GetInt32();
                            }
                            else if (reader.ValueTextEquals("error"u8))
                            {
                                reader.Read();
                                error = reader.GetString() ?? "";
                            }
                            else
                            {
                                reader.Read();
                                reader.Skip();
                            }
                        }

                        rejected.Add((index, error));
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return (accepted, duplicates, rejected);
        }

        private static string Snippet(byte[] body)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ");
            return body.Length > 300 ? text + "…" : text;
        }
    }
}

/// <summary>What the posting came to.</summary>
public sealed record PostingResult(
    long Posted,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Batches,
    long FailedBatches,
    long FailedAlerts,
    long Throttled,
    long Unavailable,
    long Retries,
    long TransportFailures,
    TimeSpan Wall,
    double[] LatenciesMs,
    IReadOnlyList<(string Error, int Count)> Errors);
