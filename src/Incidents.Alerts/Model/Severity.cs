namespace Incidents.Alerts;

/// <summary>One severity scale for every source; the source's own value is kept beside it.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
