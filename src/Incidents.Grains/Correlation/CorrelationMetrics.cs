using System.Diagnostics.Metrics;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Correlation;

/// <summary>What correlation decides, on the <c>Incidents</c> meter the Aspire dashboard shows.</summary>
public sealed class CorrelationMetrics
{
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _steps;
    private readonly UpDownCounter<long> _openIncidents;
    private readonly Counter<long> _triaged;
    private long _alertsTriaged;
    private long _incidentsOpened;

    public CorrelationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Incidents");
        _decisions = meter.CreateCounter<long>("incidents.correlation.decisions", "{decision}",
            "Where hosts' alerts went: opened, joined (drawn in by a suspicion), merged; and suspicions judged routine");
        _steps = meter.CreateCounter<long>("incidents.correlation.steps", "{step}", "Lateral steps drawn into incidents");
        _triaged = meter.CreateCounter<long>("incidents.alerts.triaged", "{alert}",
            "Alerts triaged on their primary host, by decision: suppressed, recorded, opened, joined");
        meter.CreateObservableGauge("incidents.triage.alerts_per_incident",
            () => Interlocked.Read(ref _incidentsOpened) is > 0 and var opened ? (double)Interlocked.Read(ref _alertsTriaged) / opened : 0,
            "{alert}/{incident}", "Alerts triaged per incident opened on this silo since it started (the tenant's, by day: GET /api/v1/metrics/triage)");
        _openIncidents = meter.CreateUpDownCounter<long>("incidents.open", "{incident}", "Incidents opened less those merged away, since the silos started");
    }

    public void Decision(string decision)
    {
        _decisions.Add(1, new KeyValuePair<string, object?>("decision", decision));
        if (decision == "opened")
        {
            Interlocked.Increment(ref _incidentsOpened);
            _openIncidents.Add(1);
        }
        else if (decision == "merged")
        {
            _openIncidents.Add(-1);
        }
    }

    public void Triaged(TriageDecision? decision)
    {
        if (decision is { } d)
        {
            _triaged.Add(1, new KeyValuePair<string, object?>("decision", d.ToString().ToLowerInvariant()));
            Interlocked.Increment(ref _alertsTriaged);
        }
    }

    public void Step(int count = 1)
    {
        if (count > 0)
        {
            _steps.Add(count);
        }
    }
}
