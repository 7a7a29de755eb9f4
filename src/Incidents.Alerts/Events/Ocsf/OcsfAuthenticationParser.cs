/*
 * OCSF Authentication (class_uid 3002), in the 1.x schema and in Amazon Security Lake's 1.0.0-rc.2 naming
 * (category "Audit Activity", actor.user, src_endpoint.ip, unmapped map):
 *
 *   class_uid              must be 3002; a finding (2001..2099) is an alert; any other class is refused
 *   time                   Time, epoch milliseconds
 *   metadata.product.name  Source, lowercased (CloudTrail -> cloudtrail); required
 *   metadata.uid           the id: hash(source \0 uid)
 *   user.name [+ domain]   User: the account authenticated (OCSF's "user" of this class); when it has no name,
 *   actor.user.name        the actor's user, who started it (Security Lake rc.2 names the signed-in user there only)
 *   src_endpoint           SourceEndpoint: ip, hostname, port
 *   dst_endpoint           DestinationEndpoint: ip, hostname, port (svc_name, a URL, is not a host)
 *                          Neither internal, the sign-in is a cloud sign-in: its account's alone (no hosts); without
 *                          an account too it is refused
 *   status_id / status     1 Success -> Logon, Success true; 2 Failure -> LogonFailed, Success false;
 *                          0 Unknown, 99 Other, or none -> Logon with Success null: OCSF asserts the logon activity,
 *                          the outcome is what it does not give (CloudTrail's AssumeRole comes as "Other")
 *   activity_id            2 (Logoff) is refused: it is no logon; other activities are read as logons
 *   auth_protocol          Protocol, lowercased (ntlm, kerberos, saml…)
 *   activity_name          Detail (Logon, Authentication Ticket, Service Ticket…)
 */

using System.Text.Json;
using Incidents.Alerts.Formats;
using Incidents.Alerts.Formats.Ocsf;

namespace Incidents.Alerts.Events.Ocsf;

/// <summary>Reads one OCSF Authentication event (see above).</summary>
internal static class OcsfAuthenticationParser
{
    private const long LogoffActivity = 2;

    private static readonly long EndMilliseconds = JsonValues.EndTime.ToUnixTimeMilliseconds();

    private static readonly EndpointObject SourceObject = new("src_endpoint", "hostname", hasUser: false, EndpointHostName.NameOrAddress);
    private static readonly EndpointObject DestinationObject = new("dst_endpoint", "hostname", hasUser: false, EndpointHostName.NameOrAddress);

    private enum Field
    {
        Unknown, ClassUid, Time, Metadata, Actor, User, SrcEndpoint, DstEndpoint, Status, StatusId, AuthProtocol,
        ActivityName, ActivityId,
    }

    private enum UserField { Unknown, Name, Domain }

    /// <summary>Refuses other classes before reading them, so that the reason is that, whatever else they hold.</summary>
    public static void EnsureAuthentication(long? classUid)
    {
        if (classUid is { } id && id != OcsfClasses.Authentication)
        {
            throw NotAuthentication(id);
        }
    }

    public static ContextEvent Parse(ReadOnlySpan<byte> item, NormalizerOptions options)
    {
        var record = new Record();
        Read(item, options.MaxStringLength, record);

        long classUid = record.ClassUid ?? throw AlertErrors.Missing("class_uid");
        if (classUid != OcsfClasses.Authentication)
        {
            throw NotAuthentication(classUid);
        }

        if (record.ActivityId == LogoffActivity)
        {
            throw new InvalidAlertException("an OCSF Authentication logoff (activity_id 2) is not a logon; it is not used as a context event");
        }

        long? statusId = record.StatusId ?? record.Status switch
        {
            "Success" or "success" => 1,
            "Failure" or "failure" => 2,
            _ => null,
        };
        var draft = new ContextEventDraft
        {
            Source = record.Product ?? throw AlertErrors.Missing("metadata.product.name"),
            Kind = statusId == 2 ? ContextEventKind.LogonFailed : ContextEventKind.Logon,
            Success = statusId switch { 1 => true, 2 => false, _ => null },
            Time = new ItemTime(record.Time ?? throw AlertErrors.Missing("time"), WithoutOffset: false),
            SourceEndpoint = record.Source,
            DestinationEndpoint = record.Destination,
            User = record.User ?? record.ActorUser,
            Protocol = record.AuthProtocol,
            Detail = record.ActivityName,
            IdText = record.Uid,
            MayNameNoHost = true,
        };
        return ContextEventAssembler.Build(draft, item, options);
    }

    private static InvalidAlertException NotAuthentication(long classUid) =>
        classUid is >= 2000 and < 3000
            ? new("a finding is an alert; send it to /api/v1/alerts")
            : new($"OCSF class {classUid.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not Authentication (3002); it is not used as a context event");

    private static void Read(ReadOnlySpan<byte> item, int maxLength, Record record)
    {
        var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
        JsonValues.ReadStartOfItem(ref reader);
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (Field field, string name) =
                reader.ValueTextEquals("class_uid"u8) ? (Field.ClassUid, "class_uid") :
                reader.ValueTextEquals("time"u8) ? (Field.Time, "time") :
                reader.ValueTextEquals("metadata"u8) ? (Field.Metadata, "metadata") :
                reader.ValueTextEquals("actor"u8) ? (Field.Actor, "actor") :
                reader.ValueTextEquals("user"u8) ? (Field.User, "user") :
                reader.ValueTextEquals("src_endpoint"u8) ? (Field.SrcEndpoint, "src_endpoint") :
                reader.ValueTextEquals("dst_endpoint"u8) ? (Field.DstEndpoint, "dst_endpoint") :
                reader.ValueTextEquals("status"u8) ? (Field.Status, "status") :
                reader.ValueTextEquals("status_id"u8) ? (Field.StatusId, "status_id") :
                reader.ValueTextEquals("auth_protocol"u8) ? (Field.AuthProtocol, "auth_protocol") :
                reader.ValueTextEquals("activity_name"u8) ? (Field.ActivityName, "activity_name") :
                reader.ValueTextEquals("activity_id"u8) ? (Field.ActivityId, "activity_id") :
                (Field.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                continue;
            }

            switch (field)
            {
                case Field.ClassUid:
                    record.ClassUid = JsonValues.ReadInt64(ref reader, name);
                    break;
                case Field.Time:
                    record.Time = ReadEpochMilliseconds(ref reader, name);
                    break;
                case Field.Metadata:
                    ReadMetadata(ref reader, record, maxLength);
                    break;
                case Field.Actor:
                    ReadActor(ref reader, record, maxLength);
                    break;
                case Field.User:
                    record.User = ReadUser(ref reader, name, maxLength);
                    break;
                case Field.SrcEndpoint:
                    record.Source = SourceObject.Read(ref reader, maxLength);
                    break;
                case Field.DstEndpoint:
                    record.Destination = DestinationObject.Read(ref reader, maxLength);
                    break;
                case Field.Status:
                    record.Status = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.StatusId:
                    record.StatusId = JsonValues.ReadInt64(ref reader, name);
                    break;
                case Field.AuthProtocol:
                    record.AuthProtocol = JsonValues.ReadString(ref reader, name, maxLength)?.ToLowerInvariant();
                    break;
                case Field.ActivityName:
                    record.ActivityName = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
                case Field.ActivityId:
                    record.ActivityId = JsonValues.ReadInt64(ref reader, name);
                    break;
            }
        }

        JsonValues.ReadEndOfItem(ref reader);
    }

    // Whole milliseconds: unlike the findings' times (see EpochTime), a fraction is refused here.
    private static DateTimeOffset? ReadEpochMilliseconds(ref Utf8JsonReader reader, string field)
    {
        if (JsonValues.ReadInt64(ref reader, field) is not { } milliseconds)
        {
            return null;
        }

        return milliseconds >= 0 && milliseconds < EndMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw AlertErrors.NotA(field, "epoch milliseconds in 1970..2100", JsonValues.Echo(in reader));
    }

    // metadata: { product: { name }, uid }
    private static void ReadMetadata(ref Utf8JsonReader reader, Record record, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "metadata"))
        {
            return;
        }

        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (int field, string name) =
                reader.ValueTextEquals("product"u8) ? (1, "metadata.product") :
                reader.ValueTextEquals("uid"u8) ? (2, "metadata.uid") :
                (0, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, field, name))
            {
                continue;
            }

            if (field == 1)
            {
                ReadProduct(ref reader, record, maxLength);
            }
            else
            {
                record.Uid = JsonValues.ReadString(ref reader, name, maxLength);
            }
        }
    }

    private static void ReadProduct(ref Utf8JsonReader reader, Record record, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "metadata.product"))
        {
            return;
        }

        const string name = "metadata.product.name";
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            int field = reader.ValueTextEquals("name"u8) ? 1 : 0;
            if (JsonValues.EnterKnownField(ref reader, ref seen, field, name))
            {
                record.Product = JsonValues.ReadString(ref reader, name, maxLength)?.ToLowerInvariant();
            }
        }
    }

    // actor: { user: { name, domain } }
    private static void ReadActor(ref Utf8JsonReader reader, Record record, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "actor"))
        {
            return;
        }

        const string name = "actor.user";
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            int field = reader.ValueTextEquals("user"u8) ? 1 : 0;
            if (JsonValues.EnterKnownField(ref reader, ref seen, field, name))
            {
                record.ActorUser = ReadUser(ref reader, name, maxLength);
            }
        }
    }

    private static string? ReadUser(ref Utf8JsonReader reader, string prefix, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, prefix))
        {
            return null;
        }

        string? name = null;
        string? domain = null;
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (UserField field, string fieldName) =
                reader.ValueTextEquals("name"u8) ? (UserField.Name, string.Concat(prefix, ".name")) :
                reader.ValueTextEquals("domain"u8) ? (UserField.Domain, string.Concat(prefix, ".domain")) :
                (UserField.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, fieldName))
            {
                continue;
            }

            if (field == UserField.Name)
            {
                name = JsonValues.ReadString(ref reader, fieldName, maxLength);
            }
            else
            {
                domain = JsonValues.ReadString(ref reader, fieldName, maxLength);
            }
        }

        return AccountNames.Compose(domain, name);
    }

    private sealed class Record
    {
        public long? ClassUid { get; set; }
        public DateTimeOffset? Time { get; set; }
        public string? Product { get; set; }
        public string? Uid { get; set; }
        public string? User { get; set; }
        public string? ActorUser { get; set; }
        public EndpointDraft? Source { get; set; }
        public EndpointDraft? Destination { get; set; }
        public string? Status { get; set; }
        public long? StatusId { get; set; }
        public string? AuthProtocol { get; set; }
        public string? ActivityName { get; set; }
        public long? ActivityId { get; set; }
    }
}
