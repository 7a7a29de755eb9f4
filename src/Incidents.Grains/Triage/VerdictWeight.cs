using Incidents.Contracts.Triage;

namespace Incidents.Grains.Triage;

/// <summary>
/// How far verdicts move a rule's alerts: true positives up, false positives and benign down, in proportion, with two
/// imagined neutral verdicts so that one verdict moves a third of the way and many move nearly all of it.
/// </summary>
public static class VerdictWeight
{
    public static int Points(VerdictCounts verdicts, int scale) => verdicts.Total == 0
        ? 0
        : (int)Math.Round(scale * (double)(verdicts.TruePositive - verdicts.NotThreats) / (verdicts.Total + 2), MidpointRounding.AwayFromZero);

    public static string Describe(VerdictCounts v) =>
        $"{v.TruePositive} true positive, {v.FalsePositive} false positive, {v.Benign} benign";
}
