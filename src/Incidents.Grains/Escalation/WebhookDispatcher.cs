using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Incidents.Grains.Escalation;

/// <summary>
/// The silo's webhook sends, outside every grain: an outbox shard hands an attempt here and goes on at once; the
/// send runs on the thread pool under its deadline, and its outcome is told back to the shard as a message of its
/// own. So no shard's turn ever waits on a receiver, and a slow one holds only the attempts it was handed (a shard
/// hands at most <see cref="EscalationWebhookOptions.MaxInFlightPerWebhook"/> per webhook). An outcome that cannot
/// be told (the shard's silo gone) is not lost work: the shard's lease on the attempt runs out and it is sent again.
/// </summary>
public sealed partial class WebhookDispatcher(WebhookSender sender, IGrainFactory grains, EscalationMetrics metrics, ILogger<WebhookDispatcher> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();

    public void Start(string shardKey, DeliveryWork work) => _ = Task.Run(() => Run(shardKey, work));

    private async Task Run(string shardKey, DeliveryWork work)
    {
        try
        {
            var (report, outcome, took) = await sender.Send(work, _stopping.Token);
            metrics.Attempted(outcome, work.Format.ToString().ToLowerInvariant(), took);
            if (!report.Delivered)
            {
                LogAttemptFailed(logger, shardKey, work.DeliveryId, work.Notice.EventId, report.Error ?? "");
            }

            await grains.GetGrain<IOutboxDeliveryGrain>(shardKey).Reported(report).WaitAsync(ReportTimeout, _stopping.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportLost(logger, shardKey, work.DeliveryId, e.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends still running are abandoned: their shards send them again (at least once).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} of event {EventId} (outbox {Shard}) failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string shard, string deliveryId, string eventId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of webhook delivery {DeliveryId} did not reach outbox {Shard} ({Error}): it will be sent again")]
    private static partial void LogReportLost(ILogger logger, string shard, string deliveryId, string error);
}
