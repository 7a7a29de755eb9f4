using System.Net;

namespace Incidents.Contracts.Intel;

/// <summary>What an indicator names, in the forms alerts carry them.</summary>
[GenerateSerializer, Alias("Incidents.IndicatorKind")]
public enum IndicatorKind
{
    Ip = 0,
    Network = 1,
    Domain = 2,
    Url = 3,
    Md5 = 4,
    Sha1 = 5,
    Sha256 = 6,
}

/// <summary>
/// One piece of threat intelligence: a value known bad, where it came from, how sure, and for how long. Values are
/// normalised as alerts normalise theirs (an address canonical, a network by its first address, a domain or hash in
/// lower case), so that looking an alert's value up is one dictionary read.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.Indicator")]
public sealed record Indicator
{
    [Id(0)] public required IndicatorKind Kind { get; init; }
    [Id(1)] public required string Value { get; init; }

    /// <summary>The feed or report it came from (a STIX bundle's creator, a CSV's source column).</summary>
    [Id(2)] public required string Source { get; init; }

    /// <summary>0–100.</summary>
    [Id(3)] public int Confidence { get; init; } = 50;

    [Id(4)] public string? Name { get; init; }

    /// <summary>The STIX indicator's id, when it came in a bundle.</summary>
    [Id(5)] public string? StixId { get; init; }

    [Id(6)] public DateTimeOffset? ValidFrom { get; init; }
    [Id(7)] public DateTimeOffset? ValidUntil { get; init; }
    [Id(8)] public DateTimeOffset AddedAt { get; init; }

    /// <summary>How alerts name the value: <c>ip:…</c>, or the observable form (<c>domain:…</c>, <c>url:…</c>, <c>filehash:…</c>).</summary>
    public string Key => LookupKey(Kind, Value);

    public bool IsValidAt(DateTimeOffset time) => (ValidFrom is null || ValidFrom <= time) && (ValidUntil is null || time < ValidUntil);

    public static string LookupKey(IndicatorKind kind, string value) => kind switch
    {
        IndicatorKind.Ip => $"ip:{value}",
        IndicatorKind.Network => $"net:{value}",
        IndicatorKind.Domain => $"domain:{value}",
        IndicatorKind.Url => $"url:{value}",
        _ => $"filehash:{value}",
    };

    /// <summary>Whether this network indicator holds the address.</summary>
    public bool Contains(IPAddress address) =>
        Kind == IndicatorKind.Network && IPNetwork.TryParse(Value, out var network) && network.Contains(address);
}
