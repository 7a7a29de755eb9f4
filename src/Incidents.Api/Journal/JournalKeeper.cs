using Incidents.Api.Ingest;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Journal;

/// <summary>
/// Keeps the journal's promise in the background, once a second: delivers batches the cluster did not take when they
/// came, replays the kept batches when a silo leaves the cluster (its grains lost up to a write delay of state), takes
/// over the entries of API instances that died, and deletes what is settled. First of all, at start, it replays every
/// entry other instances left (<see cref="CatchUp"/>).
/// </summary>
public sealed partial class JournalKeeper(
    IngestJournal journal,
    IngestDelivery delivery,
    IngestMetrics metrics,
    JournalCatchUp catchUp,
    IClusterClient cluster,
    TimeProvider time,
    IOptions<JournalOptions> options,
    ILogger<JournalKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    // Storage's clock (an entry's creation) against a silo's (its start): what the catch-up allows between them.
    private static readonly TimeSpan CatchUpClockMargin = TimeSpan.FromSeconds(30);
    private readonly JournalOptions _options = options.Value;
    private HashSet<SiloAddress>? _silos;

    // Batches still to replay after a silo left, oldest first; one leaves only once delivered, so a replay that fails
    // half-way (the cluster still settling) goes on at the next tick instead of being forgotten.
    private readonly SortedSet<string> _toReplay = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    // The entries other instances had kept when this one started, oldest first; null until listed.
    private SortedSet<string>? _toCatchUp;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Keep(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or cluster away: the next tick tries again; nothing is forgotten in between.
                LogKeepFailed(logger, e);
            }
        }
    }

    private async Task Keep(CancellationToken cancellationToken)
    {
        if (!catchUp.IsDone)
        {
            await CatchUp(cancellationToken);
        }

        foreach (var name in journal.TakeSettled())
        {
            await journal.Delete(name, cancellationToken);
        }

        foreach (var name in journal.Undelivered(_options.RetryAfter))
        {
            await Replay(name, cancellationToken);
            journal.Delivered(name);
        }

        await WatchSilos(cancellationToken);

        if (time.GetUtcNow() >= _nextSweep)
        {
            _nextSweep = time.GetUtcNow() + TimeSpan.FromSeconds(30);
            await AdoptOrphans(cancellationToken);
        }
    }

    /// <summary>
    /// A silo that died took with it whatever its grains had not written yet: replay all that is kept. Only once it is
    /// dead: a silo stopping gracefully is still deactivating (and writing) its grains when it stops being active, and a
    /// grain whose write did not make it before the process ended is lost after a replay at that moment.
    /// </summary>
    private async Task WatchSilos(CancellationToken cancellationToken)
    {
        var known = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false, cancellationToken);
        var alive = known.Where(s => s.Value != SiloStatus.Dead).Select(s => s.Key).ToHashSet();
        var lost = _silos?.Where(s => !alive.Contains(s)).ToList() ?? [];
        _silos = alive;
        if (lost.Count > 0)
        {
            var retained = journal.Retained();
            LogReplaying(logger, string.Join(", ", lost), retained.Count);
            _toReplay.UnionWith(retained);
        }

        while (_toReplay.Min is { } next)
        {
            await Replay(next, cancellationToken);
            _toReplay.Remove(next);
        }
    }

    /// <summary>
    /// Replays, once at start, the entries other instances left in the journal that were delivered to silos all gone
    /// now (written before the oldest active silo started): after a restart of the whole system those are the last
    /// run's batches of the last <see cref="JournalOptions.Retention"/>, and whatever the grains did not write before
    /// their silos ended (a stop that did not let them deactivate, a kill) is in them. Waiting for
    /// them to become orphans (<see cref="JournalOptions.OrphanAge"/>) left incidents missing or short for minutes.
    /// Replay is idempotent, so a live peer's old entries replayed too cost only the work. They are not deleted here: their
    /// writer, or the orphan sweep, does that. Until done, <see cref="JournalCatchUpHealthCheck"/> keeps /health at 503.
    /// </summary>
    private async Task CatchUp(CancellationToken cancellationToken)
    {
        if (_toCatchUp is null)
        {
            // Only what went to silos that are all gone: entries older than the oldest silo now active (give or take
            // clocks). An instance added to a running system replays nothing; a restarted system, all the last run kept.
            var silos = await cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken);
            if (silos.Length == 0)
            {
                throw new InvalidOperationException("No active silo yet: the journal's catch-up waits for the cluster.");
            }

            var before = new DateTimeOffset(DateTime.SpecifyKind(silos.Min(s => s.StartTime), DateTimeKind.Utc)) + CatchUpClockMargin;
            var found = new SortedSet<string>(StringComparer.Ordinal);
            try
            {
                await foreach (var blob in journal.Container.GetBlobsAsync(cancellationToken: cancellationToken))
                {
                    if (!blob.Name.StartsWith(journal.Instance, StringComparison.Ordinal) && (blob.Properties.CreatedOn ?? DateTimeOffset.MinValue) <= before)
                    {
                        found.Add(blob.Name);
                    }
                }
            }
            catch (Azure.RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
            {
                // A first start: nothing was ever journalled.
            }

            _toCatchUp = found;
            LogCatchingUp(logger, found.Count);
        }

        while (_toCatchUp.Min is { } next)
        {
            catchUp.Remaining = _toCatchUp.Count;
            await Replay(next, cancellationToken);
            _toCatchUp.Remove(next);
        }

        catchUp.Remaining = 0;
        catchUp.Done();
    }

    /// <summary>Entries of other instances left past <see cref="JournalOptions.OrphanAge"/>: their writer died before settling them.</summary>
    private async Task AdoptOrphans(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - _options.OrphanAge;
        var orphans = new List<string>();
        await foreach (var blob in journal.Container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (!blob.Name.StartsWith(journal.Instance, StringComparison.Ordinal) && blob.Properties.CreatedOn is { } created && created <= before)
            {
                orphans.Add(blob.Name);
            }
        }

        if (orphans.Count > 0)
        {
            LogAdopting(logger, orphans.Count);
        }

        foreach (var name in orphans.Order(StringComparer.Ordinal))
        {
            await Replay(name, cancellationToken);
            await journal.Delete(name, cancellationToken);
        }
    }

    /// <summary>Delivers a kept batch again; one already deleted needs nothing.</summary>
    private async Task Replay(string name, CancellationToken cancellationToken)
    {
        if (await journal.Read(name, cancellationToken) is { } batch)
        {
            await delivery.Deliver(batch, replay: true);
            metrics.Batch("replayed");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal could not be kept this round")]
    private static partial void LogKeepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silos {Silos} left the cluster: replaying {Count} kept batches")]
    private static partial void LogReplaying(ILogger logger, string silos, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting: replaying the {Count} batches other API instances kept in the journal from before the active silos")]
    private static partial void LogCatchingUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Count} batches that API instances left behind")]
    private static partial void LogAdopting(ILogger logger, int count);
}
