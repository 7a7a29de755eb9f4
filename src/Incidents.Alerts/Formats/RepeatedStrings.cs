using System.Text;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Values alerts repeat (a signature, a category) read as the one string this thread's bounded <see cref="StringPool"/>
/// holds for those bytes, instead of a new one per alert.
/// </summary>
/// <remarks>
/// One pool per thread, not <see cref="StringPool.Shared"/>: its buckets are locked, and the batches normalised at once
/// read the same few signatures, so they queued on the same bucket's lock (12% of the front door's CPU).
/// </remarks>
internal static class RepeatedStrings
{
    private const int PerThread = 1024;

    [ThreadStatic]
    private static StringPool? t_pool;

    /// <summary><see cref="JsonValues.ReadString"/>, pooled; an escaped value is read afresh.</summary>
    public static string? Read(ref Utf8JsonReader reader, string field, int maxLength)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > maxLength)
        {
            return JsonValues.ReadString(ref reader, field, maxLength); // its checks and errors, as for any string
        }

        // Unescaped and already checked as UTF-8 (every item is, before parsing): as many chars as bytes at most.
        return reader.ValueSpan.IsEmpty ? null : (t_pool ??= new StringPool(PerThread)).GetOrAdd(reader.ValueSpan, Encoding.UTF8);
    }
}
