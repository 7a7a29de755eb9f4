namespace Incidents.Grains.Enrichment;

/// <summary>How incidents are enriched (<c>Incidents:Enrichment</c>).</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Incidents:Enrichment";

    /// <summary>False: incidents ask for no enrichment (for measuring ingest without it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long one enricher may take on one incident's new entities before its run counts as timed out.</summary>
    public TimeSpan EnricherTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an incident waits for its enrichment to cover its entities before asking again.</summary>
    public TimeSpan AskAgain { get; set; } = TimeSpan.FromSeconds(30);

    public int FindingsKept { get; set; } = 500;

    public int RunsKept { get; set; } = 50;

    public int BlastRadiusKept { get; set; } = 100;
}
