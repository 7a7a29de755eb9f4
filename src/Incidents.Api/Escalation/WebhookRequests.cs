using Incidents.Contracts.Escalation;

namespace Incidents.Api.Escalation;

/// <summary>A webhook as a tenant admin sends it: <c>{team, url, format, secret}</c>.</summary>
public sealed record WebhookRequest(string? Team, string? Url, string? Format, string? Secret);

/// <summary>Every field of a webhook checked exactly, so that a bad one is a 400 that names it. Nothing here echoes the secret.</summary>
public static class WebhookRequests
{
    public static (WebhookEndpoint? Webhook, string? Problem) Check(
        string id, WebhookRequest? body, bool allowPrivateNetworks, string author, DateTimeOffset now)
    {
        if (!EscalationWebhooks.IsName(id))
        {
            return (null, "The webhook's id is 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit.");
        }

        if (body is null)
        {
            return (null, "A JSON body is required: {\"team\": …, \"url\": …, \"format\": \"generic\" | \"slack\" | \"teams\", \"secret\": …}.");
        }

        if (!EscalationWebhooks.IsName(body.Team))
        {
            return (null, "'team' is a team's id: 1 to 63 lower-case letters, digits and dashes (soc, endpoint, data-security, network).");
        }

        if (WebhookUrls.Problem(body.Url, allowPrivateNetworks) is { } urlProblem)
        {
            return (null, urlProblem);
        }

        WebhookFormat? format = body.Format switch
        {
            null or "generic" => WebhookFormat.Generic,
            "slack" => WebhookFormat.Slack,
            "teams" => WebhookFormat.Teams,
            _ => null,
        };
        if (format is null)
        {
            return (null, "'format' is generic, slack or teams.");
        }

        if (body.Secret is null || body.Secret.Length is < EscalationWebhooks.MinSecretLength or > EscalationWebhooks.MaxSecretLength
            || body.Secret.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return (null, $"'secret' is required: {EscalationWebhooks.MinSecretLength} to {EscalationWebhooks.MaxSecretLength} characters without spaces, "
                + "shared with the receiver, which checks each delivery's signature with it. It is never shown again.");
        }

        return (new WebhookEndpoint
        {
            Id = id,
            Team = body.Team!,
            Url = body.Url!,
            Format = format.Value,
            Secret = body.Secret,
            UpdatedAt = now,
            UpdatedBy = author,
        }, null);
    }

    /// <summary>What the audit log says of a webhook: never its secret, nor its URL's path or query (tokens live there).</summary>
    public static string Describe(WebhookView webhook) =>
        $"team {webhook.Team}, format {webhook.Format.ToString().ToLowerInvariant()}, host {new Uri(webhook.Url).Authority}";
}
