using System.Text;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Turns a parser's <see cref="AlertDraft"/> into an <see cref="Alert"/> by the rules that hold for every format:
/// required fields, which endpoints are ours, the hosts the alert is routed to, id and fingerprint, observables.
/// </summary>
internal static class AlertAssembler
{
    // Holds every fingerprint field of a typical alert; longer ones spill into a pooled array.
    private const int HashBufferBytes = 512;

    // Below this, a linear scan finds duplicates faster than a hash set can be built.
    private const int LinearDistinctLimit = 16;

    public static Alert Build(AlertDraft draft, ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        var names = draft.Names;
        string source = draft.Source ?? throw AlertErrors.Missing(names.Source);
        var written = draft.Time ?? throw AlertErrors.Missing(names.Time);
        string title = draft.Title ?? throw AlertErrors.Missing(names.Title);
        Severity severity = draft.Severity ?? throw AlertErrors.Missing(names.Severity);
        var time = options.SourceTimeZones.Resolve(written, source, names.Time);

        var sourceEndpoint = Endpoints.Finish(draft.SourceEndpoint, options.InternalNetworks);
        var destinationEndpoint = Endpoints.Finish(draft.DestinationEndpoint, options.InternalNetworks);
        var reconnaissance = Reconnaissance.Is(draft.Technique, draft.Tactic, draft.Category, title);
        var hosts = Hosts(draft.ObservedHost, sourceEndpoint, destinationEndpoint, sourceFirst: reconnaissance);
        string fingerprint = Fingerprint(draft, source, time, title, sourceEndpoint, destinationEndpoint);

        return new Alert
        {
            Id = draft.SourceId is null ? fingerprint : Id(source, draft.SourceId),
            Fingerprint = fingerprint,
            Source = source,
            SourceId = draft.SourceId,
            Time = time,
            TimeOffsetAssumed = written.WithoutOffset,
            Title = title,
            RuleId = draft.RuleId,
            Severity = severity,
            SourceSeverity = draft.SourceSeverity,
            Category = draft.Category,
            Tactic = draft.Tactic,
            Technique = draft.Technique,
            Reconnaissance = reconnaissance,
            Protocol = draft.Protocol,
            SourceEndpoint = sourceEndpoint,
            DestinationEndpoint = destinationEndpoint,
            ObservedHost = draft.ObservedHost,
            User = EntityNames.Checked(draft.User, "user"),
            Observables = Observables(sourceEndpoint, destinationEndpoint, draft.Observables),
            Hosts = hosts,
            Raw = options.KeepRaw ? Encoding.UTF8.GetString(item) : null,
        };
    }

    /// <summary>
    /// Most responsible first: the host that observed it, then the internal destination, then the internal source —
    /// the source before the destination for reconnaissance, which the scanning host is responsible for.
    /// </summary>
    private static string[] Hosts(string? observedHost, NetworkEndpoint? source, NetworkEndpoint? destination, bool sourceFirst)
    {
        // At most three, gathered without a list: the alert keeps an array of exactly the hosts found.
        string? first = null, second = null, third = null;
        int count = 0;
        Add(observedHost?.ToLowerInvariant());
        Add(Endpoints.InternalHostKey(sourceFirst ? source : destination));
        Add(Endpoints.InternalHostKey(sourceFirst ? destination : source));
        return count switch
        {
            0 => throw new InvalidAlertException(source is null && destination is null
                ? "the alert names no internal host (it has no host, src or dst)"
                : "the alert names no internal host (src and dst are outside the internal networks)"),
            1 => [first!],
            2 => [first!, second!],
            _ => [first!, second!, third!],
        };

        void Add(string? key)
        {
            if (EntityNames.Checked(key, "host name") is null || key == first || key == second)
            {
                return;
            }

            switch (count++)
            {
                case 0: first = key; break;
                case 1: second = key; break;
                default: third = key; break;
            }
        }
    }

    /// <summary>The fields that make two deliveries the same alert; the time as UTC ticks, so offsets do not matter.</summary>
    private static string Fingerprint(
        AlertDraft draft, string source, DateTimeOffset time, string title, NetworkEndpoint? src, NetworkEndpoint? dst)
    {
        var input = new HashInput(stackalloc byte[HashBufferBytes]);
        try
        {
            input.AddField(source);
            input.AddField(time.UtcTicks);
            input.AddField(draft.RuleId);
            input.AddField(title);
            input.AddField(src?.Ip);
            input.AddField(src?.Port);
            input.AddField(dst?.Ip);
            input.AddField(dst?.Port);
            input.AddField(draft.ObservedHost);
            input.AddField(draft.User);
            input.AddField(draft.FlowId);
            return input.ToHexDigest();
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>The hash of <c>source \0 sourceId</c>: the source's own id makes the alert's identity.</summary>
    private static string Id(string source, string sourceId)
    {
        var input = new HashInput(stackalloc byte[HashBufferBytes]);
        try
        {
            input.Append(source);
            input.AppendByte(0);
            input.Append(sourceId);
            return input.ToHexDigest();
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>The endpoint addresses, then what the parser found, each (kind, value) once, in an array of exactly those.</summary>
    private static Observable[] Observables(NetworkEndpoint? source, NetworkEndpoint? destination, List<Observable> found)
    {
        var distinct = new Observable[found.Count + 2];
        var count = 0;
        var seen = distinct.Length > LinearDistinctLimit ? new HashSet<Observable>(distinct.Length) : null;
        if (source?.Ip is { } sourceIp)
        {
            Add(new Observable(ObservableKind.Ip, sourceIp));
        }

        if (destination?.Ip is { } destinationIp)
        {
            Add(new Observable(ObservableKind.Ip, destinationIp));
        }

        foreach (var observable in found)
        {
            Add(observable);
        }

        if (count < distinct.Length)
        {
            Array.Resize(ref distinct, count);
        }

        return distinct;

        void Add(Observable observable)
        {
            if (seen is null ? Array.IndexOf(distinct, observable, 0, count) < 0 : seen.Add(observable))
            {
                distinct[count++] = observable;
            }
        }
    }
}
