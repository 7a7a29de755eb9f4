using System.Globalization;
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
        var (table, problem) = Csv.Read(body, ["type", "value"],
            "The first line is a header naming at least the columns type and value (then source, confidence, expiry, name).");
        if (table is null)
        {
            return IntelImport.Refused(problem!);
        }

        var import = new IntelImport();
        foreach (var row in table.Rows)
        {
            var (indicator, why) = row.Fields is null ? (null, Csv.BadLine) : Indicator(row, defaultSource, now);
            if (indicator is null)
            {
                import.Reject(row.Line, null, why!);
            }
            else
            {
                import.Indicators.Add((row.Line, indicator));
            }
        }

        return import;
    }

    private static (Indicator?, string?) Indicator(CsvRow row, string defaultSource, DateTimeOffset now)
    {
        string? Field(string name) => row[name];

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
