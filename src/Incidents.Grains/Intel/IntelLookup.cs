using System.Collections.Concurrent;
using System.Net;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Intel;
using Incidents.Grains.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Intel;

/// <summary>
/// Each silo's way of asking a tenant's intelligence about alerts without waiting long: networks from a copy refreshed
/// like suppressions; exact values from the shards, each answer kept for <see cref="TriageOptions.IntelRefresh"/> so a
/// value seen on a thousand hosts is asked once, the misses of a batch asked one call per shard, at most
/// <see cref="CallTimeout"/>. When the intelligence cannot answer in time, alerts are decided without it.
/// </summary>
public sealed partial class IntelLookup
{
    public const int AnswersKept = 200_000;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly IOptions<TriageOptions> _options;
    private readonly ILogger<IntelLookup> _logger;
    private readonly TenantCopies<IntelNetworks<Indicator>> _networks;
    private readonly ConcurrentDictionary<(string Tenant, string Key), Answer> _answers = new();
    private int _answerCount;

    public IntelLookup(IGrainFactory grains, TimeProvider time, IOptions<TriageOptions> options, ILogger<IntelLookup> logger)
    {
        (_grains, _time, _options, _logger) = (grains, time, options, logger);
        _networks = new(
            async (tenant, _) => await FetchNetworks(tenant),
            IntelNetworks<Indicator>.None, time, () => options.Value.IntelRefresh, (tenant, e) => LogFailed(logger, tenant, e.GetType().Name));
    }

    /// <summary>The indicators in force at each alert's time that match its addresses or observables, by alert.</summary>
    /// <remarks>Run for every alert a host takes: each address is parsed once, and an alert that matches nothing costs no list.</remarks>
    public async ValueTask<IReadOnlyList<Indicator>[]> Find(string tenant, AlertSummary[] alerts)
    {
        var looked = new (IPAddress[] Addresses, string[] Keys)[alerts.Length];
        var now = _time.GetUtcNow();
        HashSet<string>? missing = null;
        for (var i = 0; i < alerts.Length; i++)
        {
            looked[i] = Lookup(alerts[i]);
            foreach (var key in looked[i].Keys)
            {
                if (!_answers.TryGetValue((tenant, key), out var a) || now - a.At >= _options.Value.IntelRefresh)
                {
                    (missing ??= new(StringComparer.Ordinal)).Add(key);
                }
            }
        }

        var networking = _networks.For(tenant); // at the same time as the shards
        if (missing is not null)
        {
            _ = await Ask(tenant, [.. missing], now);
        }

        var networks = await networking;
        var found = new IReadOnlyList<Indicator>[alerts.Length];
        for (var i = 0; i < alerts.Length; i++)
        {
            List<Indicator>? hits = null;
            foreach (var key in looked[i].Keys)
            {
                if (_answers.TryGetValue((tenant, key), out var a))
                {
                    Add(ref hits, a.Indicators, alerts[i].Time);
                }
            }

            foreach (var address in looked[i].Addresses)
            {
                Add(ref hits, networks.Holding(address), alerts[i].Time);
            }

            found[i] = hits ?? (IReadOnlyList<Indicator>)[];
        }

        return found;

        static void Add(ref List<Indicator>? hits, IReadOnlyList<Indicator> indicators, DateTimeOffset time)
        {
            for (var j = 0; j < indicators.Count; j++)
            {
                if (indicators[j].IsValidAt(time))
                {
                    (hits ??= []).Add(indicators[j]);
                }
            }
        }
    }

    /// <summary>
    /// The indicators in force now that name these outside addresses or observables (<c>domain:…</c>, <c>url:…</c>,
    /// <c>filehash:…</c>), by value. <paramref name="fresh"/> asks the shards even for values answered lately: new
    /// intelligence is being looked for.
    /// </summary>
    public async ValueTask<Dictionary<string, List<Indicator>>> FindValues(
        string tenant, IReadOnlyList<string> addresses, IReadOnlyList<string> observables, bool fresh, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var parsed = addresses.Select(a => (Value: a, Address: IPAddress.TryParse(a, out var ip) ? ip : null)).Where(a => a.Address is not null).ToArray();
        var keys = KeysOf(addresses, observables);
        // Afresh, the networks too: the silo's copy may be older than the network that was just named.
        var networking = fresh && parsed.Length > 0 ? FetchNetworks(tenant) : _networks.For(tenant);
        var missing = keys.Select(k => k.Key).Distinct(StringComparer.Ordinal)
            .Where(k => fresh || !_answers.TryGetValue((tenant, k), out var a) || now - a.At >= _options.Value.IntelRefresh)
            .ToArray();
        if (missing.Length > 0 && !await Ask(tenant, missing, now).WaitAsync(cancellationToken))
        {
            throw new TimeoutException("The tenant's intelligence did not answer in time.");
        }

        var networks = await networking.AsTask().WaitAsync(cancellationToken);
        var found = new Dictionary<string, List<Indicator>>(StringComparer.Ordinal);
        foreach (var (value, key) in keys)
        {
            var hits = (_answers.TryGetValue((tenant, key), out var a) ? a.Indicators : []).Where(h => h.IsValidAt(now)).ToList();
            if (hits.Count > 0)
            {
                found[value] = hits;
            }
        }

        foreach (var (value, address) in parsed)
        {
            if (networks.Holding(address!).Where(h => h.IsValidAt(now)).ToList() is { Count: > 0 } held)
            {
                found[value] = [.. found.GetValueOrDefault(value) ?? [], .. held];
            }
        }

        return found;
    }

    private async ValueTask<IntelNetworks<Indicator>> FetchNetworks(string tenant) =>
        new((await _grains.GetGrain<IIntelNetworksGrain>(IntelBook.NetworksKey(tenant)).List()).Select(n => (IPNetwork.Parse(n.Value), n)));

    /// <summary>Outside addresses and observables as indicators are looked up: <c>ip:…</c> (canonical), <c>domain:…</c>…; others left out.</summary>
    public static (string Value, string Key)[] KeysOf(IEnumerable<string> addresses, IEnumerable<string> observables) =>
    [
        .. addresses.Select(a => (Value: a, Key: IPAddress.TryParse(a, out var ip) ? Indicator.LookupKey(IndicatorKind.Ip, ip.ToString()) : null))
            .Where(k => k.Key is not null).Select(k => (k.Value, k.Key!)),
        .. observables.Where(IsIndicatorForm).Select(o => (o, o)),
    ];

    private static bool IsIndicatorForm(string observable) =>
        observable.StartsWith("domain:", StringComparison.Ordinal) || observable.StartsWith("url:", StringComparison.Ordinal)
        || observable.StartsWith("filehash:", StringComparison.Ordinal);

    /// <summary>Asks the shards for these keys and keeps their answers; false when they did not answer in time.</summary>
    private async Task<bool> Ask(string tenant, string[] keys, DateTimeOffset now)
    {
        try
        {
            var answers = await Task.WhenAll(keys.GroupBy(IntelBook.Shard).Select(async shard =>
                (Keys: shard.ToArray(), Found: await _grains.GetGrain<IIntelShardGrain>(IntelBook.ShardKey(tenant, shard.Key)).Find([.. shard]))))
                .WaitAsync(CallTimeout, _time);
            foreach (var (asked, found) in answers)
            {
                foreach (var key in asked)
                {
                    Keep(tenant, key, new Answer([.. found.Where(f => f.Key == key)], now));
                }
            }

            return true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogFailed(_logger, tenant, e.GetType().Name); // decided without it; asked again next time
            return false;
        }
    }

    private void Keep(string tenant, string key, Answer answer)
    {
        if (Interlocked.Increment(ref _answerCount) > AnswersKept)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _answerCount, 0);
        }

        _answers[(tenant, key)] = answer;
    }

    /// <summary>
    /// An alert's outside addresses (intelligence is about the world, and our own networks would match every RFC 1918
    /// list) and its values as indicators name them: those addresses, and its domains, URLs and file hashes.
    /// </summary>
    private static (IPAddress[] Addresses, string[] Keys) Lookup(AlertSummary alert)
    {
        var src = Outside(alert.Src);
        var dst = Outside(alert.Dst);
        IPAddress[] addresses = (src, dst) switch
        {
            (null, null) => [],
            ({ } s, null) => [s],
            (null, { } d) => [d],
            ({ } s, { } d) => [s, d],
        };
        var observables = alert.Observables.Count == 0 ? 0 : alert.Observables.Count(IsIndicatorForm);
        if (addresses.Length + observables == 0)
        {
            return ([], []);
        }

        var keys = new string[addresses.Length + observables];
        for (var i = 0; i < addresses.Length; i++)
        {
            keys[i] = Indicator.LookupKey(IndicatorKind.Ip, addresses[i].ToString());
        }

        var k = addresses.Length;
        foreach (var observable in alert.Observables)
        {
            if (IsIndicatorForm(observable))
            {
                keys[k++] = observable;
            }
        }

        return (addresses, keys);

        static IPAddress? Outside(EndpointSummary? e) =>
            e is { IsInternal: false, Ip: { } ip } && IPAddress.TryParse(ip, out var address) ? address : null;
    }

    private sealed record Answer(Indicator[] Indicators, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intelligence of tenant {Tenant} did not answer ({Error}): alerts decided without it")]
    private static partial void LogFailed(ILogger logger, string tenant, string error);
}
