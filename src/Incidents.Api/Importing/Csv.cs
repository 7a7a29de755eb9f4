using System.Text;

namespace Incidents.Api.Importing;

/// <summary>CSV as imports take it (RFC 4180 quoting, a header row): one line at a time, so each bad line is named.</summary>
public static class Csv
{
    public const int MaxFields = 32;

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
