namespace Incidents.Api.Importing;

/// <summary>The <c>Incidents:Imports</c> section: what intelligence and inventory imports may send.</summary>
public sealed class ImportOptions
{
    public const string Section = "Incidents:Imports";

    /// <summary>An import's body limit: its own, apart from ingest's (a feed's list or an inventory is large and rare).</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024 * 1024;
}
