using System.Text.Json;

namespace Incidents.Alerts.Formats.Suricata;

/// <summary>
/// The indicators in the application-layer records Suricata attaches to an alert: the HTTP host and URL,
/// DNS names, the TLS SNI, and transferred files' names and hashes. The endpoint addresses are added by
/// <see cref="AlertAssembler"/>.
/// </summary>
internal static class SuricataObservables
{
    private enum Field { Unknown, Hostname, Url, Sni, Filename, Sha256, Sha1, Md5 }

    public static void ReadHttp(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "http"))
        {
            return;
        }

        string? hostName = null;
        string? url = null;
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (Field field, string name) =
                reader.ValueTextEquals("hostname"u8) ? (Field.Hostname, "http.hostname") :
                reader.ValueTextEquals("url"u8) ? (Field.Url, "http.url") :
                (Field.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                continue;
            }

            if (field == Field.Hostname)
            {
                hostName = JsonValues.ReadString(ref reader, name, maxLength);
            }
            else
            {
                url = JsonValues.ReadString(ref reader, name, maxLength);
            }
        }

        ObservableValues.AddHostName(observables, hostName);
        ObservableValues.Add(observables, ObservableKind.Url, url is null ? null : ObservableValues.HttpUrl(hostName, url));
    }

    // The record's shape changed across Suricata versions (dns.rrname; dns.query[].rrname; dns.queries[].rrname),
    // so every rrname inside it is taken.
    public static void ReadDns(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "dns"))
        {
            return;
        }

        int depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("rrname"u8))
            {
                reader.Read();
                ObservableValues.AddHostName(observables, JsonValues.ReadString(ref reader, "dns.rrname", maxLength));
            }
        }
    }

    public static void ReadTls(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "tls"))
        {
            return;
        }

        const string name = "tls.sni";
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            var field = reader.ValueTextEquals("sni"u8) ? Field.Sni : Field.Unknown;
            if (JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                ObservableValues.AddHostName(observables, JsonValues.ReadString(ref reader, name, maxLength));
            }
        }
    }

    public static void ReadFileInfo(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "fileinfo"))
        {
            return;
        }

        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (Field field, string name, ObservableKind kind) =
                reader.ValueTextEquals("filename"u8) ? (Field.Filename, "fileinfo.filename", ObservableKind.File) :
                reader.ValueTextEquals("sha256"u8) ? (Field.Sha256, "fileinfo.sha256", ObservableKind.FileHash) :
                reader.ValueTextEquals("sha1"u8) ? (Field.Sha1, "fileinfo.sha1", ObservableKind.FileHash) :
                reader.ValueTextEquals("md5"u8) ? (Field.Md5, "fileinfo.md5", ObservableKind.FileHash) :
                (Field.Unknown, "", default);
            if (JsonValues.EnterKnownField(ref reader, ref seen, (int)field, name))
            {
                ObservableValues.Add(observables, kind, JsonValues.ReadString(ref reader, name, maxLength), name);
            }
        }
    }
}
