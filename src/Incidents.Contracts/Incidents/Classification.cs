namespace Incidents.Contracts.Incidents;

/// <summary>What a resolved incident turned out to be: the analyst's verdict, which triage learns from.</summary>
[GenerateSerializer, Alias("Incidents.Classification")]
public enum Classification
{
    TruePositive = 0,
    FalsePositive = 1,
    Benign = 2,
}
