using System.Globalization;
using System.Text.Json;
using Incidents.Alerts.Formats;

namespace Incidents.Alerts;

/// <summary>
/// Splits a request body into items without parsing them: each item is a slice of the body, and whether it is a
/// good alert is for <see cref="AlertNormalizer"/> to say, item by item.
/// </summary>
public static class AlertBatch
{
    // Only item boundaries are found here; nesting limits are enforced per item by the normaliser, so an overly
    // deep item becomes one per-item error instead of failing the batch. The reader is iterative: depth costs
    // one bit per level, not stack.
    private static readonly JsonReaderOptions SplitterOptions = new() { MaxDepth = int.MaxValue };

    /// <summary>Returns each item's exact bytes, in body order.</summary>
    /// <exception cref="BatchFormatException">
    /// <see cref="BatchForm.Json"/> body that is not JSON, or is a JSON scalar; more than <paramref name="maxItems"/> items.
    /// </exception>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> body, BatchForm form, int maxItems = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        body = WithoutByteOrderMark(body);
        return form switch
        {
            BatchForm.Json => SplitJson(body, maxItems),
            BatchForm.NdJson => SplitNdJson(body, maxItems),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "unknown batch form"),
        };
    }

    private static List<ReadOnlyMemory<byte>> SplitJson(ReadOnlyMemory<byte> body, int maxItems)
    {
        if (Trim(body).IsEmpty)
        {
            throw new BatchFormatException("the body is empty; expected a JSON object or an array of objects");
        }

        var items = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(body.Span, SplitterOptions);
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    items.Add(NextValue(body, ref reader));
                    break;
                case JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (items.Count == maxItems)
                        {
                            throw TooManyItems(maxItems);
                        }

                        items.Add(NextValue(body, ref reader));
                    }

                    break;
                default:
                    throw new BatchFormatException(
                        $"the body is {JsonValues.Describe(reader.TokenType)}; expected a JSON object or an array of objects");
            }

            // Anything after the root value (a second object, garbage) makes the reader throw here.
            reader.Read();
            return items;
        }
        catch (JsonException ex)
        {
            throw new BatchFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"the body is not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of that line: {WithoutPosition(ex.Message)}"));
        }
    }

    // The reader stands on the first token of a value; returns the value's bytes and leaves the reader on its last token.
    private static ReadOnlyMemory<byte> NextValue(ReadOnlyMemory<byte> body, ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return body[start..(int)reader.BytesConsumed];
    }

    private static List<ReadOnlyMemory<byte>> SplitNdJson(ReadOnlyMemory<byte> body, int maxItems)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var span = body.Span;
        int lineStart = 0;
        while (lineStart < span.Length)
        {
            int newline = span[lineStart..].IndexOf((byte)'\n');
            int lineEnd = newline < 0 ? span.Length : lineStart + newline;
            var line = Trim(body[lineStart..lineEnd]);
            if (!line.IsEmpty)
            {
                if (items.Count == maxItems)
                {
                    throw TooManyItems(maxItems);
                }

                items.Add(line);
            }

            lineStart = lineEnd + 1;
        }

        return items;
    }

    // JSON whitespace, which also takes the \r of a CRLF line end.
    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        int start = 0;
        int end = span.Length;
        while (start < end && IsJsonWhitespace(span[start]))
        {
            start++;
        }

        while (end > start && IsJsonWhitespace(span[end - 1]))
        {
            end--;
        }

        return line[start..end];
    }

    private static bool IsJsonWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static BatchFormatException TooManyItems(int maxItems) =>
        new(string.Create(CultureInfo.InvariantCulture, $"batch has more than {maxItems} items"));

    // The reader's messages end with " LineNumber: 0 | BytePositionInLine: 7."; the position is said once, above.
    private static string WithoutPosition(string message)
    {
        int index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
