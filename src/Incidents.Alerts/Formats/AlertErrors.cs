using System.Globalization;
using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>The per-item error messages, worded in one place: short, and naming the field as the sender wrote it.</summary>
internal static class AlertErrors
{
    public static InvalidAlertException Missing(string field) => new($"missing required field '{field}'");

    public static InvalidAlertException Duplicate(string field) => new($"field '{field}' appears more than once");

    public static InvalidAlertException WrongType(string field, string expected, JsonTokenType actual) =>
        new($"'{field}' must be {expected}, not {JsonValues.Describe(actual)}");

    /// <summary>E.g. <c>'timestamp' is not a valid time: '2017-13-99'</c>.</summary>
    public static InvalidAlertException NotA(string field, string what, string value) =>
        new($"'{field}' is not {what}: '{value}'");

    public static InvalidAlertException TooLong(string field, int maxLength) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{field}' is longer than {maxLength} characters"));

    public static InvalidAlertException NotText(string field) => new($"'{field}' is not valid Unicode text");
}
