using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incidents.Contracts.Intel;

namespace Incidents.Api.Intel;

/// <summary>
/// Indicators of a STIX 2.1 bundle: those with one simple comparison (an address or network, a domain, a URL, a file
/// hash) are taken; every other indicator is reported back with why, never dropped silently. Objects that are not
/// indicators (reports, malware, relationships) are counted as skipped.
/// </summary>
public static partial class StixBundles
{
    public static IntelImport Read(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return IntelImport.Refused($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "bundle" || !root.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
            {
                return IntelImport.Refused("A STIX 2.1 bundle is an object with \"type\": \"bundle\" and an \"objects\" array.");
            }

            var identities = objects.EnumerateArray()
                .Where(o => o.ValueKind == JsonValueKind.Object && Text(o, "type") == "identity" && Text(o, "id") is not null && Text(o, "name") is not null)
                .GroupBy(o => Text(o, "id")!)
                .ToDictionary(g => g.Key, g => Text(g.First(), "name")!, StringComparer.Ordinal);
            var import = new IntelImport();
            var index = 0;
            foreach (var item in objects.EnumerateArray())
            {
                var at = index++;
                if (item.ValueKind != JsonValueKind.Object || Text(item, "type") != "indicator")
                {
                    import.Skipped++;
                    continue;
                }

                var (indicator, problem) = Indicator(item, identities, now);
                if (indicator is null)
                {
                    import.Reject(at, Text(item, "id"), problem!);
                }
                else
                {
                    import.Indicators.Add((at, indicator));
                }
            }

            return import;
        }
    }

    private static (Indicator?, string?) Indicator(JsonElement item, Dictionary<string, string> identities, DateTimeOffset now)
    {
        if (Text(item, "pattern_type") is { } patternType && patternType != "stix")
        {
            return (null, $"pattern_type '{patternType}' is not supported: only STIX patterns");
        }

        if (Text(item, "pattern") is not { } pattern)
        {
            return (null, "an indicator needs a pattern");
        }

        var match = Simple().Match(pattern);
        if (!match.Success)
        {
            return (null, pattern.Count(c => c == '[') > 1 || pattern.Contains(" AND ", StringComparison.OrdinalIgnoreCase) || pattern.Contains(" OR ", StringComparison.OrdinalIgnoreCase)
                ? "compound patterns are not supported: one comparison of an address, network, domain, URL or file hash"
                : $"pattern not supported: only [ipv4-addr|ipv6-addr|domain-name|url:value = '…'] and [file:hashes.'SHA-256'|'SHA-1'|MD5 = '…']");
        }

        var raw = match.Groups["value"].Value;
        var kind = match.Groups["object"].Value switch
        {
            "ipv4-addr" or "ipv6-addr" => raw.Contains('/', StringComparison.Ordinal) ? IndicatorKind.Network : IndicatorKind.Ip,
            "domain-name" => IndicatorKind.Domain,
            "url" => IndicatorKind.Url,
            _ => match.Groups["hash"].Value.Trim('\'').ToUpperInvariant() switch
            {
                "MD5" => IndicatorKind.Md5,
                "SHA-1" or "SHA1" => IndicatorKind.Sha1,
                "SHA-256" or "SHA256" => IndicatorKind.Sha256,
                _ => (IndicatorKind?)null,
            },
        };
        if (kind is not { } known)
        {
            return (null, $"file hash '{match.Groups["hash"].Value}' is not supported: MD5, SHA-1 or SHA-256");
        }

        var (value, problem) = IntelValues.Normalise(known, raw);
        if (value is null)
        {
            return (null, problem);
        }

        if (!Time(item, "valid_from", out var validFrom) || !Time(item, "valid_until", out var validUntil))
        {
            return (null, "valid_from and valid_until are RFC 3339 times");
        }

        if (validUntil <= validFrom)
        {
            return (null, "valid_until is not after valid_from");
        }

        var confidence = item.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n is >= 0 and <= 100 ? n : 50;
        var creator = Text(item, "created_by_ref");
        return (new Indicator
        {
            Kind = known,
            Value = value,
            Source = creator is null ? "stix" : identities.GetValueOrDefault(creator, creator),
            Confidence = confidence,
            Name = Text(item, "name") is { } name ? name[..Math.Min(name.Length, 256)] : null,
            StixId = Text(item, "id"),
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            AddedAt = now,
        }, null);
    }

    private static bool Time(JsonElement item, string name, out DateTimeOffset? time)
    {
        time = null;
        if (Text(item, name) is not { } text)
        {
            return !item.TryGetProperty(name, out _);
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^\s*\[\s*(?:(?<object>ipv4-addr|ipv6-addr|domain-name|url):value|(?<object>file):hashes\.(?<hash>'[A-Za-z0-9-]+'|[A-Za-z0-9-]+))\s*=\s*'(?<value>[^']*)'\s*\]\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Simple();
}
