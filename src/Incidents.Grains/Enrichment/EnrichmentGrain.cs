using Incidents.Contracts.Enrichment;
using Incidents.Contracts.Incidents;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Enrichment;

/// <summary>
/// One incident's enrichment: a shell around <see cref="EnrichmentRecord"/>. Told the incident's entities, it runs every
/// enricher that has something new in parallel, each with its deadline, keeps each run's outcome and findings as it
/// finishes, writes, and tells the incident what the findings make of it.
/// </summary>
/// <remarks>
/// Why this cannot deadlock: it awaits only grains that never await it (assets, intelligence, hosts, accounts, incidents
/// — its own incident tells it one-way). The incident is told a finding that raises it as soon as that enricher is done,
/// and what was covered only once it is written: a silo lost before that makes the incident ask again.
/// </remarks>
public sealed partial class EnrichmentGrain(
    [PersistentState("enrichment", StorageNames.Entities)] IPersistentState<EnrichmentState> state,
    IEnumerable<IEnricher> enrichers,
    IOptions<EnrichmentOptions> options,
    EnrichmentMetrics metrics,
    TimeProvider time,
    ILogger<EnrichmentGrain> logger) : Grain, IEnrichmentGrain
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ContactsGathered = TimeSpan.FromSeconds(1);
    private readonly IEnricher[] _enrichers = [.. enrichers];
    private string _tenant = "";
    private string _id = "";
    private EnrichmentRecord _record = null!;
    private EnrichmentEffect? _told;
    private IGrainTimer? _contacts;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _id) = TenantScoped.Split(this.GetPrimaryKeyString());
        _record = new EnrichmentRecord(state.State, options.Value);
        return Task.CompletedTask;
    }

    public async Task Enrich(EnrichmentSubject subject)
    {
        _record.Told(subject);
        var now = time.GetUtcNow();
        var runs = await Task.WhenAll(_enrichers
            .Select(e => (Enricher: e, Work: new EnrichmentWork(_tenant, _id, subject, _record.Pending(e.Name, subject), now)))
            .Where(w => w.Enricher.Wants(w.Work))
            .Select(w => Run(w.Enricher, w.Work, covers: true)));

        TimeSpan? first = null;
        if (_record.Completed(time.GetUtcNow()) && _record.TimeToEnrichment is { } took)
        {
            metrics.Enriched(took);
            first = took;
        }

        if (runs.Length > 0 || first is not null)
        {
            GrainFactory.GetGrain<IEnrichmentStatsGrain>(EnrichmentStats.Key(_tenant)).Record(new EnrichmentSample(first, runs)).Ignore();
        }

        if (await Write())
        {
            await Tell(_record.Effect(subject.Counts));
        }
    }

    public async Task Rehunt(string[] values)
    {
        var addresses = values.Where(v => !v.Contains(':', StringComparison.Ordinal) || System.Net.IPAddress.TryParse(v, out _)).ToArray();
        var observables = values.Except(addresses, StringComparer.Ordinal).ToArray();
        var subject = new EnrichmentSubject { OpenedAt = _record.OpenedAt ?? time.GetUtcNow(), Addresses = addresses, Observables = observables };
        var work = new EnrichmentWork(_tenant, _id, subject, subject, time.GetUtcNow(), Rehunt: true);
        _ = await Task.WhenAll(_enrichers.Where(e => e is IRehunting && e.Wants(work)).Select(e => Run(e, work, covers: false)));
        if (await Write())
        {
            await Tell(_record.Effect(EnrichmentCounts.None));
        }
    }

    public Task Contacted()
    {
        // Gathered: a host sweeping the network makes one run a second, not one a contact.
        _contacts ??= this.RegisterGrainTimer(async () =>
        {
            _contacts?.Dispose();
            _contacts = null;
            if (_record.Subject is { } subject)
            {
                var work = new EnrichmentWork(_tenant, _id, subject, subject, time.GetUtcNow());
                _ = await Task.WhenAll(_enrichers.Where(e => e is IFollowingContacts && e.Wants(work)).Select(e => Run(e, work, covers: false)));
                _ = await Write();
            }
        }, ContactsGathered, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task<EnrichmentView> GetView() => Task.FromResult(_record.View());

    /// <summary>One enricher's run, bounded by its deadline; what it found is kept at once, and a raise told at once.</summary>
    private async Task<EnricherRun> Run(IEnricher enricher, EnrichmentWork work, bool covers)
    {
        var started = time.GetUtcNow();
        var timeout = options.Value.EnricherTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        IReadOnlyList<EnrichmentFinding> found = [];
        string? error = null;
        EnricherOutcome outcome;
        try
        {
            found = await enricher.Enrich(work, deadline.Token).WaitAsync(timeout, time);
            outcome = EnricherOutcome.Succeeded;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && deadline.IsCancellationRequested))
        {
            outcome = EnricherOutcome.TimedOut;
        }
        catch (Exception e)
        {
            outcome = EnricherOutcome.Failed;
            error = e.GetType().Name; // not its message: it may name what the analyst should not see
            LogFailed(logger, enricher.Name, _id, e);
        }

        var finished = time.GetUtcNow();
        metrics.Ran(enricher.Name, outcome, finished - started);
        var entities = work.New.Hosts.Count + work.New.Users.Count + work.New.Addresses.Count + work.New.Observables.Count;
        var run = new EnricherRun(enricher.Name, started, finished, outcome, entities, found.Count, error);
        _record.Ran(run, found, covers && outcome == EnricherOutcome.Succeeded ? work.Subject.Counts : null);
        if (found.Any(f => f.Raises is not null))
        {
            await Tell(_record.Effect(_told?.Covered ?? EnrichmentCounts.None));
        }

        return run;
    }

    private async Task<bool> Write()
    {
        try
        {
            await state.WriteStateAsync().WaitAsync(WriteTimeout, time);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or Orleans.Storage.InconsistentStateException or OrleansException)
        {
            LogNotWritten(logger, _id, e.GetType().Name); // the incident, not told it is covered, asks again
            return false;
        }
    }

    /// <summary>Tells the incident, when it changes anything: a failure is not retried here, the incident asks again.</summary>
    private async Task Tell(EnrichmentEffect effect)
    {
        if (effect == _told)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IIncidentGrain>(TenantScoped.Key(_tenant, _id)).Enriched(effect);
            _told = effect;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogNotTold(logger, _id, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enricher {Enricher} failed on incident {Incident}")]
    private static partial void LogFailed(ILogger logger, string enricher, string incident, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment of incident {Incident} was not written ({Error}): it will be asked again")]
    private static partial void LogNotWritten(ILogger logger, string incident, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} was not told its enrichment ({Error}): it will ask again")]
    private static partial void LogNotTold(ILogger logger, string incident, string error);
}
