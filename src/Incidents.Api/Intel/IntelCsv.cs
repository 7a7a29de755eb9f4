using System.Globalization;
using System.Text;
using Incidents.Api.Importing;
using Incidents.Contracts.Intel;

namespace Incidents.Api.Intel;

/// <summary>
/// Indicators as a CSV list with a header row: <c>type,value</c> and optionally <c>source</c>, <c>confidence</c>
/// (0–100), <c>expiry</c> (a time), <c>name</c>, in any order. Each bad row is reported by its line number; the rest
/// are taken.
/// </summary>
public static class IntelCsv
{
    private static readonly Dictionary<string, IndicatorKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ip"] = IndicatorKind.Ip, ["ipv4"] = IndicatorKind.Ip, ["ipv6"] = IndicatorKind.Ip, ["ipv4-addr"] = IndicatorKind.Ip, ["ipv6-addr"] = IndicatorKind.Ip,
        ["cidr"] = IndicatorKind.Network, ["network"] = IndicatorKind.Network,
        ["domain"] = IndicatorKind.Domain, ["domain-name"] = IndicatorKind.Domain, ["url"] = IndicatorKind.Url,
        ["md5"] = IndicatorKind.Md5, ["sha1"] = IndicatorKind.Sha1, ["sha-1"] = IndicatorKind.Sha1, ["sha256"] = IndicatorKind.Sha256, ["sha-256"] = IndicatorKind.Sha256,
    };

    public static IntelImport Read(ReadOnlyMemory<byte> body, string defaultSource, DateTimeOffset now)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return IntelImport.Refused("The CSV is not UTF-8.");
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        var header = Csv.Fields(lines[0].TrimEnd('\r'));
        var columns = header?.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
        if (columns is null || !columns.ContainsKey("type") || !columns.ContainsKey("value"))
        {
            return IntelImport.Refused("The first line is a header naming at least the columns type and value (then source, confidence, expiry, name).");
        }

        var import = new IntelImport();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var lineNumber = i + 1;
            if (Csv.Fields(line) is not { } fields)
            {
                import.Reject(lineNumber, null, "not a CSV line: an unclosed quote, or more than 32 fields");
                continue;
            }

            var (indicator, problem) = Indicator(fields, columns, defaultSource, now);
            if (indicator is null)
            {
                import.Reject(lineNumber, null, problem!);
            }
            else
            {
                import.Indicators.Add((lineNumber, indicator));
            }
        }

        return import;
    }

    private static (Indicator?, string?) Indicator(List<string> fields, Dictionary<string, int> columns, string defaultSource, DateTimeOffset now)
    {
        string? Field(string name) => columns.TryGetValue(name, out var i) && i < fields.Count && fields[i].Trim() is { Length: > 0 } v ? v : null;

        if (Field("type") is not { } type || !Kinds.TryGetValue(type, out var kind))
        {
            return (null, $"type is one of {string.Join(", ", Kinds.Keys)}");
        }

        var (value, problem) = IntelValues.Normalise(kind == IndicatorKind.Ip && Field("value")?.Contains('/', StringComparison.Ordinal) == true ? IndicatorKind.Network : kind, Field("value"));
        if (value is null)
        {
            return (null, problem);
        }

        var confidence = 50;
        if (Field("confidence") is { } c && (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out confidence) || confidence > 100))
        {
            return (null, "confidence is a whole number from 0 to 100");
        }

        DateTimeOffset? expiry = null;
        if (Field("expiry") is { } e)
        {
            if (!DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, "expiry is a time (2027-01-31 or 2027-01-31T00:00:00Z)");
            }

            expiry = parsed;
        }

        var source = Field("source") ?? defaultSource;
        if (source.Length > 128 || source.Any(char.IsControl))
        {
            return (null, "source is text of up to 128 characters");
        }

        var name = Field("name");
        return (new Indicator
        {
            Kind = kind == IndicatorKind.Ip && value.Contains('/', StringComparison.Ordinal) ? IndicatorKind.Network : kind,
            Value = value,
            Source = source,
            Confidence = confidence,
            Name = name?[..Math.Min(name.Length, 256)],
            ValidUntil = expiry,
            AddedAt = now,
        }, null);
    }
}
