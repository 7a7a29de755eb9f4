using System.Globalization;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>
/// One host's triage, without messaging or storage: what its baseline and the estate's rule book say of each new
/// alert, then <see cref="TriageRules"/>' decision. With triage off, alerts go undecided, as before triage.
/// </summary>
public sealed class HostTriage(TriageOptions options, HostBaseline baseline, string hostKey)
{
    public TriageRules Rules { get; } = new(options);

    public bool Enabled => options.Enabled;

    /// <summary>
    /// What is known of each alert's rule, each judged before it is counted in the host's baseline, in the order given
    /// (so a batch is judged as if its alerts had come one by one). Counting twice on a retry changes nothing: an hour
    /// is a bit.
    /// </summary>
    public IReadOnlyList<TriageReason>[] Learn(
        AlertSummary[] alerts, EstateKnowledge estate, IReadOnlyList<Contracts.Intel.Indicator>[]? intel = null, Contracts.Assets.Asset? asset = null)
    {
        var value = AssetValue(asset);
        var learned = new IReadOnlyList<TriageReason>[alerts.Length];
        for (var i = 0; i < alerts.Length; i++)
        {
            if (!options.Enabled)
            {
                learned[i] = [];
                continue;
            }

            var reasons = new List<TriageReason>(3);
            if (baseline.Judge(alerts[i]) is { } here)
            {
                reasons.Add(here);
            }

            estate.Judge(alerts[i], hostKey, options, reasons);
            foreach (var hit in intel?[i] ?? [])
            {
                reasons.Add(new(TriageReasonKinds.Intel,
                    $"{hit.Kind.ToString().ToLowerInvariant()} {hit.Value} is known bad: {hit.Name ?? "an indicator"} (source {hit.Source}, confidence {hit.Confidence})",
                    options.IntelPoints));
            }

            if (value is not null)
            {
                reasons.Add(value);
            }

            learned[i] = reasons;
            baseline.Count(alerts[i]);
        }

        return learned;
    }

    /// <summary>What the inventory's value of the host adds: a crown jewel most, a host of criticality 4 some.</summary>
    private TriageReason? AssetValue(Contracts.Assets.Asset? asset)
    {
        if (asset is null)
        {
            return null;
        }

        var owner = asset.Owner is { } o ? $", owner {o}" : "";
        var zone = asset.Zone is { } z ? $", zone {z}" : "";
        return asset.Criticality >= 5 || asset.Zone == "crown-jewel"
            ? new(TriageReasonKinds.Asset, string.Create(CultureInfo.InvariantCulture, $"a crown jewel (criticality {asset.Criticality}{zone}{owner})"), options.CrownJewelPoints)
            : asset.Criticality == 4
                ? new(TriageReasonKinds.Asset, $"a critical host (criticality 4{zone}{owner})", options.CriticalAssetPoints)
                : null;
    }

    public AlertSummary[] Decide(
        AlertSummary[] alerts, IReadOnlyList<TriageReason>[] learned, string? incident, IReadOnlyList<Suppression> suppressions, DateTimeOffset now) =>
        options.Enabled
            ? [.. alerts.Select((a, i) => a with { Triage = Rules.Decide(a, new TriageContext(incident, learned[i]), suppressions, now) })]
            : alerts;
}
