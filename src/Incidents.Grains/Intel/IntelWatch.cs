using System.Net;

namespace Incidents.Grains.Intel;

/// <summary>
/// The rules of a watch shard, without storage: which incidents hold which values, bounded (the oldest values leave
/// first, and a value held by many incidents keeps its newest), and which incidents new intelligence concerns.
/// </summary>
public sealed class IntelWatch(IntelWatchState state, int capacity, int incidentsPerValue)
{
    /// <summary>Returns whether anything changed.</summary>
    public bool Watch(string incidentId, IEnumerable<string> keys)
    {
        var changed = false;
        foreach (var key in keys)
        {
            if (!state.Incidents.TryGetValue(key, out var holding))
            {
                if (state.Incidents.Count >= capacity && state.Order.Count > 0)
                {
                    state.Incidents.Remove(state.Order[0]);
                    state.Order.RemoveAt(0);
                }

                state.Incidents[key] = holding = [];
                state.Order.Add(key);
            }

            if (!holding.Contains(incidentId, StringComparer.Ordinal))
            {
                holding.Add(incidentId);
                if (holding.Count > incidentsPerValue)
                {
                    holding.RemoveAt(0);
                }

                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The incidents holding these keys, each with its named keys.</summary>
    public Dictionary<string, List<string>> Holding(IEnumerable<string> keys)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            foreach (var incident in state.Incidents.GetValueOrDefault(key) ?? [])
            {
                (found.TryGetValue(incident, out var named) ? named : found[incident] = []).Add(key);
            }
        }

        return found;
    }

    /// <summary>The incidents holding an address inside these networks, each with its addresses' keys.</summary>
    public Dictionary<string, List<string>> HoldingInside(IEnumerable<string> networks)
    {
        var parsed = new IntelNetworks<string>(networks.Select(n => IPNetwork.TryParse(n, out var network) ? (Network: network, Text: n) : default)
            .Where(n => n.Text is not null).Select(n => (n.Network, n.Text)));
        return Holding(state.Incidents.Keys.Where(k => k.StartsWith("ip:", StringComparison.Ordinal)
            && IPAddress.TryParse(k.AsSpan(3), out var address) && parsed.Holding(address).Count > 0).ToList());
    }
}

[GenerateSerializer, Alias("Incidents.IntelWatchState")]
public sealed class IntelWatchState
{
    /// <summary>By lookup key, the incidents that hold it, oldest first.</summary>
    [Id(0)] public Dictionary<string, List<string>> Incidents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The keys in the order first watched: the oldest leave first when the shard is full.</summary>
    [Id(1)] public List<string> Order { get; set; } = [];
}
