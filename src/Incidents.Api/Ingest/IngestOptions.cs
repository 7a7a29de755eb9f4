namespace Incidents.Api.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Incidents:Ingest";

    /// <summary>A larger body is refused with 413 before it is read.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    public int MaxItems { get; set; } = 10_000;

    /// <summary>CIDRs of the estate; empty means the private ranges (RFC 1918 and their IPv6 kin).</summary>
    public List<string> InternalNetworks { get; set; } = [];
}
