using System.Text;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts.Events;

/// <summary>
/// Turns a parser's <see cref="ContextEventDraft"/> into a <see cref="ContextEvent"/> by the rules alerts follow
/// (see <see cref="Endpoints"/>): the hosts are the internal destination, then the internal source. A sign-in that
/// may name no host (<see cref="ContextEventDraft.MayNameNoHost"/>) and names none is its account's alone: no hosts.
/// </summary>
internal static class ContextEventAssembler
{
    private const int HashBufferBytes = 512;

    public static ContextEvent Build(ContextEventDraft draft, ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        var source = Endpoints.Finish(draft.SourceEndpoint, options.InternalNetworks);
        var destination = Endpoints.Finish(draft.DestinationEndpoint, options.InternalNetworks);
        var hosts = Hosts(source, destination, draft.MayNameNoHost, draft.User is not null);
        var time = options.SourceTimeZones.Resolve(draft.Time, draft.Source, draft.TimeField);
        string fingerprint = Fingerprint(draft, time, source, destination);
        return new ContextEvent
        {
            Id = draft.HasNaturalId ? Id(draft) : fingerprint,
            Fingerprint = fingerprint,
            Source = draft.Source,
            Kind = draft.Kind,
            Time = time,
            TimeOffsetAssumed = draft.Time.WithoutOffset,
            SourceEndpoint = source,
            DestinationEndpoint = destination,
            User = EntityNames.Checked(draft.User, "user"),
            Protocol = draft.Protocol,
            Detail = draft.Detail,
            Success = draft.Success,
            Hosts = hosts,
            Raw = options.KeepRaw ? Encoding.UTF8.GetString(item) : null,
        };
    }

    private static string[] Hosts(NetworkEndpoint? source, NetworkEndpoint? destination, bool mayNameNoHost, bool hasUser)
    {
        string? destinationKey = EntityNames.Checked(Endpoints.InternalHostKey(destination), "host name");
        string? sourceKey = EntityNames.Checked(Endpoints.InternalHostKey(source), "host name");
        if (destinationKey is not null)
        {
            return sourceKey is null || sourceKey == destinationKey ? [destinationKey] : [destinationKey, sourceKey];
        }

        if (sourceKey is not null)
        {
            return [sourceKey];
        }

        if (mayNameNoHost && hasUser)
        {
            return [];
        }

        var reason = source is null && destination is null
            ? "the event names no internal host (it has no source or destination)"
            : "the event names no internal host (source and destination are outside the internal networks)";
        // A sign-in is refused for both: with an account it would have been taken.
        throw new InvalidAlertException(mayNameNoHost ? reason + " and no account" : reason);
    }

    /// <summary>
    /// The fields that make two deliveries the same event. Host names are in it besides addresses: a Windows event
    /// names its hosts and often no address, and the same logon at the same moment on two hosts is two events.
    /// </summary>
    private static string Fingerprint(ContextEventDraft draft, DateTimeOffset time, NetworkEndpoint? source, NetworkEndpoint? destination)
    {
        var input = new HashInput(stackalloc byte[HashBufferBytes]);
        try
        {
            input.AddField(draft.Source);
            input.AddField((long)draft.Kind);
            input.AddField(time.UtcTicks);
            input.AddField(source?.Ip);
            input.AddField(source?.Port);
            input.AddField(source?.HostName);
            input.AddField(destination?.Ip);
            input.AddField(destination?.Port);
            input.AddField(destination?.HostName);
            input.AddField(draft.User);
            input.AddField(draft.Protocol);
            input.AddField(draft.Detail);
            input.AddField(draft.Success is null ? null : draft.Success.Value ? 1 : 0);
            input.AddField(draft.FlowId);
            return input.ToHexDigest();
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>The hash of <c>source \0</c> and the source's own id (see <see cref="ContextEventDraft.IdScope"/>).</summary>
    private static string Id(ContextEventDraft draft)
    {
        var input = new HashInput(stackalloc byte[HashBufferBytes]);
        try
        {
            input.Append(draft.Source);
            input.AppendByte(0);
            input.AddField(draft.IdScope);
            input.AddField(draft.IdText);
            input.AddField(draft.IdNumber);
            input.AddField(draft.IdDetail);
            return input.ToHexDigest();
        }
        finally
        {
            input.Dispose();
        }
    }
}
