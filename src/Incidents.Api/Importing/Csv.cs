using System.Text;

namespace Incidents.Api.Importing;

/// <summary>CSV as imports take it (RFC 4180 quoting, a header row): one line at a time, so each bad line is named.</summary>
public static class Csv
{
    public const int MaxFields = 32;
    public const string BadLine = "not a CSV line: an unclosed quote, or more than 32 fields";

    /// <summary>
    /// A CSV body's header and its lines (empty ones left out), each with its line number; a problem when the body is not
    /// UTF-8 or the header lacks one of <paramref name="required"/> (lower case). A column named twice is the first.
    /// </summary>
    public static (CsvTable? Table, string? Problem) Read(ReadOnlyMemory<byte> body, string[] required, string headerHelp)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The CSV is not UTF-8.");
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        var columns = Fields(lines[0].TrimEnd('\r'))?.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), i))
            .DistinctBy(c => c.Name).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
        if (columns is null || !required.All(columns.ContainsKey))
        {
            return (null, headerHelp);
        }

        var rows = new List<CsvRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > 0)
            {
                rows.Add(new CsvRow(i + 1, Fields(line), columns));
            }
        }

        return (new CsvTable(rows), null);
    }

    /// <summary>One line's fields (RFC 4180 quoting); null when a quote is not closed or there are too many.</summary>
    public static List<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count >= MaxFields)
                {
                    return null;
                }
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return quoted ? null : fields;
    }
}

/// <summary>The lines of a CSV body under its header.</summary>
public sealed record CsvTable(IReadOnlyList<CsvRow> Rows);

/// <summary>One line: its number, and its fields (null when it is not a CSV line: <see cref="Csv.BadLine"/>).</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string>? Fields, IReadOnlyDictionary<string, int> Columns)
{
    /// <summary>The trimmed value of a column (lower-case name), null when absent or empty.</summary>
    public string? this[string column] =>
        Fields is not null && Columns.TryGetValue(column, out var at) && at < Fields.Count && Fields[at].Trim() is { Length: > 0 } value ? value : null;
}
