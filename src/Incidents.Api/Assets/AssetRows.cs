using System.Globalization;
using System.Net;
using System.Text.Json;
using Incidents.Api.Hosts;
using Incidents.Api.Importing;
using Incidents.Contracts.Assets;

namespace Incidents.Api.Assets;

/// <summary>One row an import refused: its place (the JSON array's index, or the CSV's line number), its name, and why.</summary>
public sealed record AssetRejection(int Index, string? Name, string Reason);

/// <summary>
/// An inventory as a JSON array of assets or a CSV with a header row (<c>name,addresses,owner,businessUnit,criticality,
/// zone,tags</c>, lists separated by <c>;</c>): every field checked exactly, each bad row reported by its place, the
/// rest taken; a name given twice is taken once, and the second reported.
/// </summary>
public static class AssetRows
{
    private const int MaxText = 128;
    private const int MaxToken = 64;

    public sealed record Row(string? Name, IReadOnlyList<string>? Addresses, string? Owner, string? BusinessUnit, int? Criticality, string? Zone, IReadOnlyList<string>? Tags);

    public static (List<(int At, Asset Asset)> Assets, List<AssetRejection> Rejected, string? Problem) Read(ReadOnlyMemory<byte> body, bool csv, DateTimeOffset now)
    {
        var (rows, problem) = csv ? FromCsv(body) : FromJson(body);
        var assets = new List<(int, Asset)>();
        var rejected = new List<AssetRejection>();
        if (problem is not null)
        {
            return (assets, rejected, problem);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (at, row, error) in rows)
        {
            var (asset, why) = error is null ? Check(row!, now) : (null, error);
            if (asset is null)
            {
                rejected.Add(new AssetRejection(at, row?.Name, why!));
            }
            else if (seen.TryGetValue(asset.Name, out var first))
            {
                rejected.Add(new AssetRejection(at, asset.Name, $"'{asset.Name}' is also at {first}: each host once an import"));
            }
            else
            {
                seen[asset.Name] = at;
                assets.Add((at, asset));
            }
        }

        return (assets, rejected, null);
    }

    private static (Asset?, string?) Check(Row row, DateTimeOffset now)
    {
        if (row.Name is null || IPAddress.TryParse(row.Name, out _) || !HostKeys.TryNormalize(row.Name, out var name))
        {
            return (null, "'name' is the host's name (not an address): " + HostKeys.Rule);
        }

        var addresses = new List<string>();
        foreach (var text in row.Addresses ?? [])
        {
            if (!IPAddress.TryParse(text.Trim(), out var address) || text.Contains('/', StringComparison.Ordinal))
            {
                return (null, $"'{Short(text)}' in 'addresses' is not an IP address");
            }

            var canonical = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
            if (!addresses.Contains(canonical))
            {
                addresses.Add(canonical);
            }
        }

        if (addresses.Count > Asset.MaxAddresses)
        {
            return (null, $"at most {Asset.MaxAddresses} addresses");
        }

        foreach (var (field, value) in new[] { ("owner", row.Owner), ("businessUnit", row.BusinessUnit) })
        {
            if (value is not null && (value.Length is 0 or > MaxText || value.Any(char.IsControl)))
            {
                return (null, $"'{field}' is text of 1 to {MaxText} characters without control characters");
            }
        }

        if (row.Criticality is < 1 or > 5)
        {
            return (null, "'criticality' is 1 (least) to 5 (a crown jewel)");
        }

        var zone = row.Zone?.ToLowerInvariant();
        if (zone is not null && !IsToken(zone))
        {
            return (null, $"'zone' is a word of 1 to {MaxToken} letters, digits, '-' or '_' (dmz, internal, crown-jewel)");
        }

        var tags = (row.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > Asset.MaxTags || tags.Any(t => t.Length > MaxToken || t.Any(char.IsControl)))
        {
            return (null, $"at most {Asset.MaxTags} tags of up to {MaxToken} characters");
        }

        return (new Asset
        {
            Name = name, Addresses = addresses, Owner = row.Owner, BusinessUnit = row.BusinessUnit, Criticality = row.Criticality ?? 3,
            Zone = zone, Tags = tags, UpdatedAt = now,
        }, null);
    }

    private static (List<(int, Row?, string?)>, string?) FromJson(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return ([], $"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], "An inventory in JSON is an array of assets: [{\"name\": …, \"addresses\": […], \"criticality\": 1-5, …}].");
            }

            var rows = new List<(int, Row?, string?)>();
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var at = index++;
                try
                {
                    rows.Add((at, JsonRow(item), null));
                }
                catch (FormatException e)
                {
                    rows.Add((at, null, e.Message));
                }
            }

            return (rows, null);
        }
    }

    private static Row JsonRow(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("an asset is a JSON object");
        }

        string? Text(string name) => item.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"'{name}' is text")
            : null;
        IReadOnlyList<string>? List(string name) => item.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Array && v.GetArrayLength() <= 64 && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? [.. v.EnumerateArray().Select(e => e.GetString()!)]
                : throw new FormatException($"'{name}' is an array of at most 64 strings")
            : null;
        int? criticality = item.TryGetProperty("criticality", out var c) && c.ValueKind != JsonValueKind.Null
            ? c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : throw new FormatException("'criticality' is a whole number, 1 to 5")
            : null;
        return new Row(Text("name"), List("addresses"), Text("owner"), Text("businessUnit"), criticality, Text("zone"), List("tags"));
    }

    private static (List<(int, Row?, string?)>, string?) FromCsv(ReadOnlyMemory<byte> body)
    {
        var (table, problem) = Csv.Read(body, ["name"],
            "The first line is a header naming at least the column name (then addresses, owner, businessUnit, criticality, zone, tags).");
        if (table is null)
        {
            return ([], problem);
        }

        var rows = new List<(int, Row?, string?)>();
        foreach (var row in table.Rows)
        {
            if (row.Fields is null)
            {
                rows.Add((row.Line, null, Csv.BadLine));
                continue;
            }

            IReadOnlyList<string>? List(string name) => row[name]?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            int? criticality = null;
            if (row["criticality"] is { } c)
            {
                if (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    rows.Add((row.Line, new Row(row["name"], null, null, null, null, null, null), "'criticality' is a whole number, 1 to 5"));
                    continue;
                }

                criticality = n;
            }

            rows.Add((row.Line, new Row(row["name"], List("addresses"), row["owner"], row["businessunit"], criticality, row["zone"], List("tags")), null));
        }

        return (rows, null);
    }

    private static bool IsToken(string text) =>
        text.Length is > 0 and <= MaxToken && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private static string Short(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
