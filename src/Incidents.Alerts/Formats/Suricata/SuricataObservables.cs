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
        uint seen = 0;
        while (NextField(ref reader, out var field, out string name))
        {
            if (field == Field.Hostname)
            {
                JsonValues.MarkSeen(ref seen, (int)field, name);
                hostName = JsonValues.ReadString(ref reader, name, maxLength);
            }
            else if (field == Field.Url)
            {
                JsonValues.MarkSeen(ref seen, (int)field, name);
                url = JsonValues.ReadString(ref reader, name, maxLength);
            }
            else
            {
                reader.Skip();
            }
        }

        if (hostName is not null)
        {
            observables.Add(ObservableValues.FromHostName(hostName));
        }

        if (url is not null && ObservableValues.HttpUrl(hostName, url) is { } fullUrl)
        {
            observables.Add(new Observable(ObservableKind.Url, fullUrl));
        }
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
                if (JsonValues.ReadString(ref reader, "dns.rrname", maxLength) is { } domain)
                {
                    observables.Add(ObservableValues.FromHostName(domain));
                }
            }
        }
    }

    public static void ReadTls(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "tls"))
        {
            return;
        }

        uint seen = 0;
        while (NextField(ref reader, out var field, out string name))
        {
            if (field != Field.Sni)
            {
                reader.Skip();
                continue;
            }

            JsonValues.MarkSeen(ref seen, (int)field, name);
            if (JsonValues.ReadString(ref reader, name, maxLength) is { } sni)
            {
                observables.Add(ObservableValues.FromHostName(sni));
            }
        }
    }

    public static void ReadFileInfo(ref Utf8JsonReader reader, List<Observable> observables, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, "fileinfo"))
        {
            return;
        }

        uint seen = 0;
        while (NextField(ref reader, out var field, out string name))
        {
            var kind = field switch
            {
                Field.Filename => ObservableKind.File,
                Field.Sha256 or Field.Sha1 or Field.Md5 => ObservableKind.FileHash,
                _ => (ObservableKind?)null,
            };
            if (kind is null)
            {
                reader.Skip();
                continue;
            }

            JsonValues.MarkSeen(ref seen, (int)field, name);
            if (JsonValues.ReadString(ref reader, name, maxLength) is { } value)
            {
                observables.Add(ObservableValues.Create(kind.Value, value, name));
            }
        }
    }

    /// <summary>
    /// Moves to the next property's value and says which known field it is. The names are few and distinct
    /// across these records, so one lookup serves them all; each record acts only on its own.
    /// </summary>
    private static bool NextField(ref Utf8JsonReader reader, out Field field, out string name)
    {
        if (!JsonValues.NextProperty(ref reader))
        {
            (field, name) = (Field.Unknown, "");
            return false;
        }

        (field, name) =
            reader.ValueTextEquals("hostname"u8) ? (Field.Hostname, "http.hostname") :
            reader.ValueTextEquals("url"u8) ? (Field.Url, "http.url") :
            reader.ValueTextEquals("sni"u8) ? (Field.Sni, "tls.sni") :
            reader.ValueTextEquals("filename"u8) ? (Field.Filename, "fileinfo.filename") :
            reader.ValueTextEquals("sha256"u8) ? (Field.Sha256, "fileinfo.sha256") :
            reader.ValueTextEquals("sha1"u8) ? (Field.Sha1, "fileinfo.sha1") :
            reader.ValueTextEquals("md5"u8) ? (Field.Md5, "fileinfo.md5") :
            (Field.Unknown, "");
        reader.Read();
        return true;
    }
}
