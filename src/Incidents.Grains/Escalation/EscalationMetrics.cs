using System.Diagnostics.Metrics;

namespace Incidents.Grains.Escalation;

/// <summary>Webhook deliveries on the <c>Incidents</c> meter: attempts by outcome, and how long each took.</summary>
public sealed class EscalationMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _duration;

    public EscalationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Incidents");
        _deliveries = meter.CreateCounter<long>("incidents.escalation.webhook.deliveries", "{attempt}",
            "Webhook delivery attempts, by outcome (delivered, failed, refused) and format");
        _duration = meter.CreateHistogram<double>("incidents.escalation.webhook.duration", "s", "One webhook delivery attempt, by outcome");
    }

    public void Attempted(string outcome, string format, TimeSpan took)
    {
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        _deliveries.Add(1, outcomeTag, new KeyValuePair<string, object?>("format", format));
        _duration.Record(took.TotalSeconds, outcomeTag);
    }

    public void DeadLettered(int count) => _deliveries.Add(count, new KeyValuePair<string, object?>("outcome", "dead-lettered"));
}
