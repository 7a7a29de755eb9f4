using Incidents.Alerts.Events;
using Incidents.Alerts.Events.Ocsf;
using Incidents.Alerts.Events.Windows;
using Incidents.Alerts.Events.Zeek;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts;

/// <summary>
/// Turns one item, in any supported format, into a <see cref="ContextEvent"/> (who logged on where, which host reached
/// which over what), or into a short reason why not. Context events update host and user state for correlation and
/// never open an incident. Thread-safe and stateless beyond its options: share one instance.
/// </summary>
/// <remarks>
/// <para>Formats, told apart per item: Windows logon events (4624, 4625, 4648, 4672; see <c>WindowsLogonParser</c>),
/// OCSF Authentication (3002; <c>OcsfAuthenticationParser</c>), Zeek conn, dce_rpc, smb_mapping, smb_files, kerberos
/// and ntlm records (<c>ZeekLogParser</c>). Alerts sent here by mistake (a Zeek notice, an OCSF finding) are refused
/// with a pointer to the alerts endpoint.</para>
/// <para>Shared rules, as for alerts: hosts are the internal destination, then the internal source, keyed by
/// lowercased name (an FQDN cut to its first label) or canonical address; an event that names no internal host is
/// refused, except an OCSF sign-in that names an account: a cloud sign-in, with no hosts, kept on the account.
/// <see cref="ContextEvent.Fingerprint"/> is the first 16 bytes (32 lowercase hex) of a SHA-256 over source, kind,
/// UTC time, both endpoints (address, port, name), user, protocol, detail, outcome and Zeek's uid;
/// <see cref="ContextEvent.Id"/> is the same hash of the source and its own record id (Windows record number and
/// host; Zeek log and uid, with ts and detail where one connection has several records; OCSF metadata.uid), else
/// the fingerprint.</para>
/// </remarks>
public sealed class ContextEventNormalizer(NormalizerOptions options)
{
    private readonly NormalizerOptions _options = ItemNormalizing.Validated(options);

    /// <summary>Never throws, whatever the bytes: a bad item gives <see cref="ContextEventResult.Error"/>.</summary>
    public ContextEventResult Normalize(ReadOnlySpan<byte> itemJson, ContextEventFormat format = ContextEventFormat.Auto) =>
        ItemNormalizing.TryParse(itemJson, format, _options, Parse, out var contextEvent, out string? error)
            ? ContextEventResult.Success(contextEvent)
            : ContextEventResult.Failure(error);

    private static ContextEvent Parse(ReadOnlySpan<byte> item, ContextEventFormat format, NormalizerOptions options)
    {
        var classification = ContextEventClassifier.Classify(item);
        if (format == ContextEventFormat.Auto)
        {
            format = classification.Format;
        }

        switch (format)
        {
            case ContextEventFormat.Windows:
                WindowsLogonParser.EnsureLogonEvent(classification.WindowsEventId);
                return WindowsLogonParser.Parse(item, options);
            case ContextEventFormat.Ocsf:
                OcsfAuthenticationParser.EnsureAuthentication(classification.OcsfClass);
                return OcsfAuthenticationParser.Parse(item, options);
            case ContextEventFormat.Zeek:
                return ZeekLogParser.Parse(item, options, classification);
            default:
                throw new InvalidAlertException($"format '{format}' is not supported");
        }
    }
}
