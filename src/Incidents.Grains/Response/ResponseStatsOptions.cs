using Incidents.Contracts.Response;

namespace Incidents.Grains.Response;

/// <summary>How response figures are kept (<c>Incidents:Response</c>).</summary>
public sealed class ResponseStatsOptions
{
    /// <summary>Whole UTC days of figures kept, today included; older days are dropped, and milestones in them not counted.</summary>
    public int DaysKept { get; set; } = ResponseRetention.DaysKeptDefault;
}
