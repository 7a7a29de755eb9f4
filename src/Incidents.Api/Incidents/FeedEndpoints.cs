using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Threading.Channels;
using Incidents.Api.Security;
using Incidents.Contracts.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Api.Incidents;

/// <summary>
/// The live feed: server-sent events of the tenant's incident changes, read from its 16 queue shards by long polls, so
/// that any API instance serves it and a reader resumes on any of them with <c>Last-Event-ID</c>.
/// </summary>
/// <remarks>
/// A browser's <c>EventSource</c> cannot send the key header; the console reads the feed with <c>fetch</c> and a
/// streamed body instead, which sends it like every other call and keeps the key out of the URL.
/// </remarks>
public static class FeedEndpoints
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryAfterFault = TimeSpan.FromSeconds(1);

    /// <summary>Slices (up to 1,000 changes each) waiting for a slow reader; past it the reader is dropped.</summary>
    private const int Backlog = 64;

    private const int MaxReadersPerInstance = 200;
    private static int _readers;

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Roles.Analyst)
            .MapGet("/feed", Feed)
            .WithSummary("Server-sent events of the tenant's incident changes (opened, grew, status, assignee, severity, merged, updated), each with the incident's summary; a 'ready' event once it is live, a 'reset' when changes were missed (read the queue again), heartbeats every 15 s. Resume with Last-Event-ID.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    internal static Results<ServerSentEventsResult<object>, ProblemHttpResult> Feed(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!FeedPosition.TryParse(request.Headers["Last-Event-ID"].ToString(), out var position))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a position in the feed",
                detail: "Last-Event-ID is the id of an event this feed sent.");
        }

        if (Interlocked.Increment(ref _readers) > MaxReadersPerInstance)
        {
            Interlocked.Decrement(ref _readers);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many feed readers",
                detail: $"This instance serves {MaxReadersPerInstance} feeds at most; try another, or later.");
        }

        return TypedResults.ServerSentEvents(Events(grains, user.Tenant(), position, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(
        IGrainFactory grains, string tenant, FeedPosition position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slices = Channel.CreateBounded<(int Shard, FeedSlice Slice)>(Backlog);
        var shards = IncidentIndex.All(grains, tenant).ToArray();
        var readers = Enumerable.Range(0, shards.Length).Select(i => Read(shards[i], i, position[i], slices.Writer, stop.Token)).ToArray();
        try
        {
            var started = new bool[shards.Length];
            var ready = false;
            Task<bool>? waiting = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                waiting ??= slices.Reader.WaitToReadAsync(stop.Token).AsTask();
                if (await Task.WhenAny(waiting, Task.Delay(Heartbeat, stop.Token)) != waiting)
                {
                    yield return new SseItem<object>(new { }, "heartbeat");
                    continue;
                }

                var more = await waiting;
                waiting = null;
                if (!more)
                {
                    yield break; // a reader was too slow: the channel was closed on it
                }

                while (slices.Reader.TryRead(out var read))
                {
                    var (shard, slice) = read;
                    started[shard] = true;
                    if (slice.Reset)
                    {
                        position.Set(shard, slice.Epoch, slice.Last);
                        yield return new SseItem<object>(new { shard }, "reset") { EventId = position.ToString() };
                        continue;
                    }

                    position.Set(shard, slice.Epoch, slice.Changes.Count > 0 ? slice.Changes[^1].Seq : slice.Last);
                    foreach (var change in slice.Changes)
                    {
                        position.Set(shard, slice.Epoch, change.Seq);
                        yield return new SseItem<object>(change.Summary, change.Kind) { EventId = position.ToString() };
                    }
                }

                if (!ready && started.All(s => s))
                {
                    ready = true;
                    yield return new SseItem<object>(new { }, "ready") { EventId = position.ToString() };
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            Interlocked.Decrement(ref _readers);
        }
    }

    /// <summary>Long-polls one shard, handing each slice on; a shard that fails (a silo lost) is asked again shortly.</summary>
    private static async Task Read(IIncidentIndexGrain shard, int index, (string? Epoch, long Seq) from, ChannelWriter<(int, FeedSlice)> slices, CancellationToken cancellationToken)
    {
        var (epoch, seq) = from;
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            FeedSlice slice;
            try
            {
                slice = await shard.Changes(epoch, seq, first ? TimeSpan.Zero : LongPoll);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RetryAfterFault, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            catch (Exception)
            {
                return;
            }

            if (first || slice.Reset || slice.Changes.Count > 0)
            {
                if (!slices.TryWrite((index, slice)))
                {
                    slices.TryComplete(); // the reader is too slow: dropped, not buffered without bound
                    return;
                }
            }

            first = false;
            (epoch, seq) = (slice.Epoch, slice.Changes.Count > 0 ? slice.Changes[^1].Seq : slice.Reset || epoch is null ? slice.Last : seq);
        }
    }
}
