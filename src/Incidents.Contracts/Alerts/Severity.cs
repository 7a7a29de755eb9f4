namespace Incidents.Contracts.Alerts;

/// <summary>
/// One severity scale for every source, as grains keep it. The normaliser has its own (the contracts depend on nothing
/// of ours); the API maps one to the other, value for value, so stored state reads the same.
/// </summary>
[GenerateSerializer, Alias("Incidents.Severity")]
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
