using System.Diagnostics.Metrics;
using Incidents.Contracts.Response;

namespace Incidents.Grains.Response;

/// <summary>
/// Response figures on the <c>Incidents</c> meter (which ServiceDefaults exports): each measure's time in seconds and
/// breaches, tagged by team. Recorded by <see cref="ResponseStatsGrain"/> when it first counts a milestone, so a repeat
/// is not measured twice.
/// </summary>
public sealed class ResponseMetrics
{
    private readonly Dictionary<ResponseMeasure, Histogram<double>> _times;
    private readonly Counter<long> _breaches;

    public ResponseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Incidents");
        _times = new()
        {
            [ResponseMeasure.Triage] = meter.CreateHistogram<double>("incidents.response.time_to_triage", "s", "From an incident's first alert received to its opening"),
            [ResponseMeasure.Enrichment] = meter.CreateHistogram<double>("incidents.response.time_to_enrichment", "s", "From an incident's opening to its first complete enrichment"),
            [ResponseMeasure.Escalation] = meter.CreateHistogram<double>("incidents.response.time_to_escalation", "s", "From an incident's opening to its team told"),
            [ResponseMeasure.Acknowledge] = meter.CreateHistogram<double>("incidents.response.time_to_acknowledge", "s", "From an incident's opening to its acknowledgement"),
            [ResponseMeasure.Contain] = meter.CreateHistogram<double>("incidents.response.time_to_contain", "s", "From an incident's opening to its containment"),
            [ResponseMeasure.Resolve] = meter.CreateHistogram<double>("incidents.response.time_to_resolve", "s", "From an incident's opening to its resolution"),
        };
        _breaches = meter.CreateCounter<long>("incidents.response.breaches", "{incident}", "Incidents not acknowledged by their route's first deadline");
    }

    public void Counted(ResponseMilestone milestone, string team)
    {
        var tag = new KeyValuePair<string, object?>("team", team);
        if (milestone.Measure is ResponseMeasure.Breach)
        {
            _breaches.Add(1, tag);
        }
        else if (_times.TryGetValue(milestone.Measure, out var histogram))
        {
            histogram.Record(Math.Max(0, milestone.Took.TotalSeconds), tag);
        }
    }
}
