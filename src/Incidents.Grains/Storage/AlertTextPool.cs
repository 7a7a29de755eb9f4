using System.Collections.Concurrent;
using Incidents.Contracts.Alerts;

namespace Incidents.Grains.Storage;

/// <summary>
/// One copy per silo of the texts alerts repeat: the same rule's source, title, category and technique arrive on
/// thousands of hosts, each deserialized into strings of its own. Kept alerts share them instead (about a third of a
/// kept alert's memory). Bounded: when full it starts over, and texts already shared stay shared.
/// </summary>
public sealed class AlertTextPool
{
    private const int Capacity = 65_536;
    private const int LongestShared = 256;

    /// <summary>Where Linux's ephemeral range starts (32768; IANA's and Windows' start at 49152, above it).</summary>
    private const int EphemeralPorts = 32_768;
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<EndpointSummary, EndpointSummary> _endpoints = new();
    private int _textCount;
    private int _endpointCount;

    public AlertSummary Share(AlertSummary alert) => alert with
    {
        // Without a source id, the id is the fingerprint: one string, not two.
        Fingerprint = string.Equals(alert.Fingerprint, alert.Id, StringComparison.Ordinal) ? alert.Id : alert.Fingerprint,
        Source = Share(alert.Source),
        Title = Share(alert.Title),
        RuleId = ShareOrNull(alert.RuleId),
        Category = ShareOrNull(alert.Category),
        Tactic = ShareOrNull(alert.Tactic),
        Technique = ShareOrNull(alert.Technique),
        Protocol = ShareOrNull(alert.Protocol),
        User = ShareOrNull(alert.User),
        Src = Share(alert.Src),
        Dst = Share(alert.Dst),
        Hosts = [.. alert.Hosts.Select(Share)],
        Observables = alert.Observables.Count == 0 ? [] : alert.Observables,
    };

    public string Share(string text) => text.Length > LongestShared ? text : Pooled(_texts, ref _textCount, text);

    /// <summary>
    /// The same server on the same port (a C2, a CDN, the file server) is one object for every alert naming it. A
    /// client's end, on a port from the ephemeral range, is new with every connection: its texts are shared, the object
    /// is not pooled, where it would only push the servers out.
    /// </summary>
    private EndpointSummary? Share(EndpointSummary? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        var pooled = endpoint.Port is not >= EphemeralPorts; // no port: pooled, as a server's
        if (pooled && _endpoints.TryGetValue(endpoint, out var shared))
        {
            return shared;
        }

        var texts = endpoint with { Ip = ShareOrNull(endpoint.Ip), HostName = ShareOrNull(endpoint.HostName), User = ShareOrNull(endpoint.User) };
        return pooled ? Pooled(_endpoints, ref _endpointCount, texts) : texts;
    }

    private string? ShareOrNull(string? text) => text is null ? null : Share(text);

    // Counted here, not with the dictionary's Count, which takes every lock of the dictionary: all of a silo's
    // threads would queue on it.
    private static T Pooled<T>(ConcurrentDictionary<T, T> pool, ref int count, T value) where T : notnull
    {
        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (Interlocked.Increment(ref count) > Capacity)
        {
            pool.Clear();
            Interlocked.Exchange(ref count, 0);
        }

        return pool.GetOrAdd(value, value);
    }
}
