using Incidents.Contracts.Triage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Triage;

/// <summary>Tells the rule book shards what this silo's hosts decided, every <see cref="TriageOptions.TallyFlush"/>.</summary>
public sealed partial class TriageTallyFlusher(
    TriageTallies tallies, IGrainFactory grains, TimeProvider time, IOptions<TriageOptions> options, ILogger<TriageTallyFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TallyFlush, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Flush(); // what is waiting, while the cluster is still there
    }

    public async Task Flush()
    {
        // Counts of suppressed alerts are statistics: a batch a grain could not take is dropped, with a warning.
        var suppressed = tallies.DrainSuppressed().Select(async tenant =>
        {
            try
            {
                await grains.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(tenant.Key)).Count(tenant.Value).WaitAsync(CallTimeout, time);
            }
            catch (Exception e)
            {
                LogCountFailed(logger, tenant.Key, e.GetType().Name);
            }
        });
        await Task.WhenAll(suppressed.Concat(tallies.Drain().Select(async batch =>
        {
            try
            {
                await grains.GetGrain<IRuleBookGrain>(RuleBook.Key(batch.Tenant, batch.Shard)).Tally(batch.Tallies).WaitAsync(CallTimeout, time);
            }
            catch (Exception e)
            {
                tallies.Return(batch.Tenant, batch.Tallies);
                LogFlushFailed(logger, batch.Tenant, batch.Shard, batch.Tallies.Length, e.GetType().Name);
            }
        })));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suppressions of tenant {Tenant} did not take their counts ({Error})")]
    private static partial void LogCountFailed(ILogger logger, string tenant, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule book shard {Shard} of tenant {Tenant} did not take {Count} tallies ({Error}): kept for the next batch")]
    private static partial void LogFlushFailed(ILogger logger, string tenant, int shard, int count, string error);
}
