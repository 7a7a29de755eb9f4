using System.Text.Json;

namespace Incidents.Benchmarks;

/// <summary>The floor: what it costs just to read every token of an item, and nothing else.</summary>
public static class TokenReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Reads every token; returns how many, so the work cannot be optimised away.</summary>
    public static int ReadAll(ReadOnlySpan<byte> item)
    {
        var reader = new Utf8JsonReader(item, Options);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
