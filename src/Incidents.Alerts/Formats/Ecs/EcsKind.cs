using System.Text.Json;

namespace Incidents.Alerts.Formats.Ecs;

/// <summary>
/// ECS <c>event.kind</c>: <c>alert</c> (a source's own alert) and <c>signal</c> (an alert of Elastic Security's
/// detection engine) are alerts; <c>event</c>, <c>metric</c>, <c>state</c>… are not. Shared by anything that reads ECS.
/// </summary>
internal static class EcsKind
{
    private static readonly JsonPathTable KindTable = new([("event.kind", 0)], rebasePath: "_source");

    /// <summary>Reads the kind (a string) and returns true if it is an alert; an event is an error that says where to send it.</summary>
    public static bool EnsureAlert(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw AlertErrors.WrongType(field, "a string", reader.TokenType);
        }

        if (reader.ValueTextEquals("alert"u8) || reader.ValueTextEquals("signal"u8))
        {
            return true;
        }

        throw NotAnAlert(JsonValues.Echo(in reader));
    }

    /// <summary>
    /// The kind error of an item whose <c>event.kind</c> (in any spelling, in a hit's <c>_source</c> too) is a string
    /// that is not an alert kind; null otherwise, or when the item cannot be read that far. Never throws.
    /// </summary>
    public static InvalidAlertException? KindError(ReadOnlySpan<byte> item)
    {
        try
        {
            var reader = new Utf8JsonReader(item, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var paths = new JsonPathReader(KindTable);
            paths.Start(ref reader);
            while (paths.Next(ref reader, out _))
            {
                if (!JsonFirst.Enter(ref reader, out _))
                {
                    return null;
                }

                return reader.TokenType == JsonTokenType.String &&
                    !reader.ValueTextEquals("alert"u8) && !reader.ValueTextEquals("signal"u8)
                    ? NotAnAlert(JsonValues.Echo(in reader))
                    : null;
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidAlertException)
        {
            return null;
        }
    }

    private static InvalidAlertException NotAnAlert(string kind) => new(
        $"ECS event.kind '{kind}' is not an alert (expected 'alert' or 'signal'); send events to /api/v1/events");
}
