using Incidents.Contracts.Escalation;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>
/// One shard of a tenant's outbox (<see cref="IEscalationOutboxGrain"/>). <see cref="Enqueue"/> stores the event and
/// answers; an interleaving timer reads the team's webhooks, fans the event out and hands due attempts to the silo's
/// <see cref="WebhookDispatcher"/>, which sends them outside the grain and reports back (<see cref="Reported"/>). No turn
/// of this grain waits on a receiver. A reminder, held while work waits, brings the shard back after its silo is lost.
/// </summary>
public sealed partial class EscalationOutboxGrain(
    [PersistentState("escalation-outbox", StorageNames.Lists)] IPersistentState<OutboxState> state,
    IOptions<EscalationWebhookOptions> webhookOptions,
    IOptions<CorrelationOptions> correlation,
    WebhookDispatcher dispatcher,
    EscalationMetrics metrics,
    TimeProvider time,
    ILogger<EscalationOutboxGrain> logger)
    : WriteBehindGrain<OutboxState>(state, correlation.Value.StateWriteDelay), IEscalationOutboxGrain, IOutboxDeliveryGrain, IRemindable
{
    private const string ReminderName = "escalation-outbox";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TargetsTimeout = TimeSpan.FromSeconds(5);

    private readonly EscalationWebhookOptions _options = webhookOptions.Value;

    // Attempts handed to the dispatcher, until their outcome comes back or their lease runs out (then sent again).
    private readonly Dictionary<string, DateTimeOffset> _inFlight = new(StringComparer.Ordinal);
    private OutboxBook? _book;
    private IGrainTimer? _timer;
    private bool _reminded;
    private bool _dispatching;

    private OutboxBook Book => _book is { } book && ReferenceEquals(book.State, State) ? book : _book = new OutboxBook(State, _options);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _timer = this.RegisterGrainTimer(_ => Dispatch(), new GrainTimerCreationOptions(_options.DispatchInterval, _options.DispatchInterval) { Interleave = true });
        if (Book.HasWork)
        {
            await Remind();
        }
    }

    public async Task Enqueue(EscalationNotice notice)
    {
        if (!Book.Enqueue(notice, time.GetUtcNow()))
        {
            return;
        }

        await WriteNow();
        await Remind();
        DispatchSoon();
    }

    public Task<IReadOnlyList<DeadLetter>> DeadLetters() => Task.FromResult(Book.DeadLetters());

    public async Task<DeadLetter?> Replay(string id)
    {
        var replayed = Book.Replay(id, time.GetUtcNow());
        if (replayed is not null)
        {
            await WriteNow();
            await Remind();
            DispatchSoon();
        }

        return replayed;
    }

    public async Task Reported(DeliveryReport report)
    {
        _inFlight.Remove(report.DeliveryId);
        var buried = Book.Buried;
        if (Book.Reported(report, time.GetUtcNow(), Random.Shared.NextDouble()))
        {
            metrics.DeadLettered((int)(Book.Buried - buried));
            await StateChanged(); // a delivery lost with an unwritten outcome is sent again: at least once
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Book.HasWork && _inFlight.Count == 0)
        {
            await Unremind();
        }
    }

    private void DispatchSoon() => _timer?.Change(TimeSpan.Zero, _options.DispatchInterval);

    private async Task Dispatch()
    {
        if (_dispatching)
        {
            return; // interleaved: one round at a time
        }

        _dispatching = true;
        try
        {
            var now = time.GetUtcNow();
            foreach (var expired in _inFlight.Where(f => f.Value <= now).Select(f => f.Key).ToList())
            {
                _inFlight.Remove(expired);
            }

            if (!Book.HasWork)
            {
                if (_inFlight.Count == 0)
                {
                    await Unremind();
                }

                return;
            }

            if (State.Unrouted.Count == 0 && Book.Due(now, _inFlight.Keys).Count == 0)
            {
                return;
            }

            var tenant = TenantScoped.Split(this.GetPrimaryKeyString()).Tenant;
            IReadOnlyList<WebhookEndpoint> targets;
            try
            {
                targets = await GrainFactory.GetGrain<IWebhookTargetsGrain>(EscalationWebhooks.Key(tenant)).Targets().WaitAsync(TargetsTimeout);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                LogTargetsUnavailable(logger, this.GetPrimaryKeyString(), e.GetType().Name);
                return;
            }

            await HandOut(targets, time.GetUtcNow());
        }
        finally
        {
            _dispatching = false;
        }
    }

    private async Task HandOut(IReadOnlyList<WebhookEndpoint> targets, DateTimeOffset now)
    {
        var buried = Book.Buried;
        var changed = State.Unrouted.Count > 0;
        Book.Route(targets, now);
        var lease = now + (_options.Deadline * 2) + TimeSpan.FromSeconds(5);
        foreach (var delivery in Book.Due(now, _inFlight.Keys))
        {
            // The webhook as it is now: a fixed URL or a new secret applies to retries and replays.
            var target = targets.FirstOrDefault(t => t.Id == delivery.WebhookId && t.Team == delivery.Notice.Team);
            if (target is null)
            {
                Book.Drop(delivery.Id, "webhook removed", now);
                changed = true;
                continue;
            }

            _inFlight[delivery.Id] = lease;
            dispatcher.Start(this.GetPrimaryKeyString(), new DeliveryWork(delivery.Id, delivery.Notice, target.Url, target.Format, target.Secret));
        }

        metrics.DeadLettered((int)(Book.Buried - buried));
        if (changed)
        {
            await StateChanged();
        }
    }

    private async Task Remind()
    {
        if (_reminded)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            _reminded = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The timer still delivers while the shard is active; the next change tries again.
            LogReminderFailed(logger, this.GetPrimaryKeyString(), e.GetType().Name);
        }
    }

    private async Task Unremind()
    {
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminded = false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReminderFailed(logger, this.GetPrimaryKeyString(), e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Shard} could not read its tenant's webhooks ({Error}): tries again at the next round")]
    private static partial void LogTargetsUnavailable(ILogger logger, string shard, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Shard} could not set or clear its reminder ({Error})")]
    private static partial void LogReminderFailed(ILogger logger, string shard, string error);
}
