using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>
/// The body of a delivery in each format: generic JSON (every field of the notice), a Slack incoming-webhook message
/// (<c>text</c> and <c>blocks</c>), a Microsoft Teams message holding an Adaptive Card. A drill says <c>[DRILL]</c> in
/// every title and text, and <c>"drill": true</c> in generic JSON. Built from the notice alone: no secret can be in it.
/// </summary>
public static class WebhookBodies
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string Build(EscalationNotice notice, WebhookFormat format) => (format switch
    {
        WebhookFormat.Slack => Slack(notice),
        WebhookFormat.Teams => Teams(notice),
        _ => Generic(notice),
    }).ToJsonString(Compact);

    /// <summary>One line: <c>[DRILL] Escalated: {title} (High) → endpoint, team lead</c>.</summary>
    public static string Headline(EscalationNotice notice) => string.Create(CultureInfo.InvariantCulture,
        $"{(notice.Drill ? "[DRILL] " : "")}{Kind(notice.Kind)}: {notice.Title} ({notice.Severity}) → {notice.Team}, {notice.Level}");

    public static string Kind(EscalationEventKind kind) => kind switch
    {
        EscalationEventKind.Routed => "Routed",
        EscalationEventKind.Escalated => "Escalated",
        EscalationEventKind.Rerouted => "Re-routed",
        EscalationEventKind.Acknowledged => "Acknowledged",
        EscalationEventKind.Resolved => "Resolved",
        _ => "Escalation",
    };

    private static JsonObject Generic(EscalationNotice n) => new()
    {
        ["eventId"] = n.EventId,
        ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(n.Kind.ToString()),
        ["drill"] = n.Drill,
        ["title"] = (n.Drill ? "[DRILL] " : "") + n.Title,
        ["incidentId"] = n.IncidentId,
        ["severity"] = n.Severity.ToString(),
        ["team"] = n.Team,
        ["level"] = n.Level,
        ["levelIndex"] = n.LevelIndex,
        ["deadline"] = n.Deadline?.ToString("O", CultureInfo.InvariantCulture),
        ["reason"] = n.Reason,
        ["route"] = n.Route,
        ["categories"] = new JsonArray([.. n.Categories.Select(c => (JsonNode?)JsonValue.Create(c))]),
        ["actor"] = n.Actor,
        ["at"] = n.At.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Slack(EscalationNotice n)
    {
        var headline = Headline(n);
        return new JsonObject
        {
            ["text"] = headline,
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(headline, 150) } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(Details(n), 3000) } }),
        };
    }

    private static JsonObject Teams(EscalationNotice n) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true, ["text"] = Headline(n) },
                    new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = Details(n) }),
            },
        }),
    };

    private static string Details(EscalationNotice n)
    {
        var deadline = n.Deadline is { } d ? string.Create(CultureInfo.InvariantCulture, $"\nNext level at {d:u} unless acknowledged.") : "";
        var actor = n.Actor is { } a ? $"\nBy {a}." : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(n.Drill ? "[DRILL] This is a drill. " : "")}Incident {n.IncidentId}: {n.Reason}{deadline}{actor}");
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
