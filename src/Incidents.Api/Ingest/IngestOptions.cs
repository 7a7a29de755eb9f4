namespace Incidents.Api.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Incidents:Ingest";

    /// <summary>A larger body is refused with 413 before it is read.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    public int MaxItems { get; set; } = 10_000;

    /// <summary>CIDRs of the estate; empty means the private ranges (RFC 1918 and their IPv6 kin).</summary>
    public List<string> InternalNetworks { get; set; } = [];

    /// <summary>
    /// Source name (<c>suricata</c>, <c>windows</c>, a native item's <c>source</c>) to the zone its times without an offset
    /// are in: a time zone id (<c>Europe/Berlin</c>) or a fixed offset (<c>+02:00</c>). Other sources' are read as UTC.
    /// </summary>
    public Dictionary<string, string> SourceTimeZones { get; set; } = [];
}
