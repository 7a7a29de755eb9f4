using Incidents.Contracts.Hosts;
using Incidents.Grains.Triage;

namespace Incidents.Grains.Hosts;

/// <summary>
/// One host, one identity: a host known by an address hands what it knows to the host the inventory names it, and from
/// then on passes every call on to it.
/// </summary>
/// <remarks>
/// Why this cannot deadlock: the alias awaits the named host (<see cref="Adopt"/>, and the calls it passes on), and the named
/// host never awaits the alias (it tells hosts only one-way). The named host awaits incidents, as any host does.
/// </remarks>
public sealed partial class HostGrain
{
    public async Task Named(string name)
    {
        if (name == _hostKey || State.AliasOf == name)
        {
            return;
        }

        State.AliasOf = name;
        await Host(name).Adopt(_record.Handover());
        await WriteNow();
    }

    public async Task Adopt(HostHandover handover)
    {
        if (!_record.Adopt(handover))
        {
            return;
        }

        foreach (var key in handover.SeenKeys)
        {
            _seen.Add(key);
        }

        if (handover.OpenIncidentId is { } theirs)
        {
            if (_correlation.OpenIncidentId is not { } ours)
            {
                // Its incident is this host's now: the incident takes it as a member, with the alerts it holds already.
                var filed = handover.RecentAlerts.Where(a => a.PrimaryHost == handover.Key && TriageRules.Joins(a)).ToArray();
                if (await Incident(theirs).Add(_hostKey, filed, []) is { } took)
                {
                    _correlation.Entered(took, handover.CompromisedSince);
                }
            }
            else if (ours != theirs)
            {
                // Two incidents of one host are one: merged, towards the smaller id as every merge.
                var (survivor, merged) = string.CompareOrdinal(ours, theirs) < 0 ? (ours, theirs) : (theirs, ours);
                if (await Incident(merged).Merge(survivor, []) is { } holder)
                {
                    _correlation.Entered(holder, handover.CompromisedSince);
                }
            }
        }

        _record.TrimAlerts();
        await WriteNow();
    }
}
