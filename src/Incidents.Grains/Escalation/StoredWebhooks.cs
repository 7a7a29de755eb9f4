using System.Security.Cryptography;
using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>A team's webhook as grain state holds it: its secret sealed (<see cref="WebhookSecretBox"/>), never in plain text.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.StoredWebhook")]
public sealed record StoredWebhook
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Team { get; init; }
    [Id(2)] public required string Url { get; init; }
    [Id(3)] public required WebhookFormat Format { get; init; }
    [Id(4)] public required SealedSecret Secret { get; init; }
    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(6)] public required string UpdatedBy { get; init; }

    public WebhookView ToView() => new(Id, Team, WebhookUrls.Shown(Url), Format, SecretSet: true, UpdatedAt, UpdatedBy);
}

/// <summary>
/// Webhooks in and out of their sealed form, for a tenant's webhooks grain. The tenant and the webhook's id bind each
/// sealed secret to its record.
/// </summary>
public sealed class StoredWebhooks(WebhookSecretBox box, string tenant)
{
    public StoredWebhook Seal(WebhookEndpoint webhook) => new()
    {
        Id = webhook.Id,
        Team = webhook.Team,
        Url = webhook.Url,
        Format = webhook.Format,
        Secret = box.Seal(webhook.Secret, tenant, webhook.Id),
        UpdatedAt = webhook.UpdatedAt,
        UpdatedBy = webhook.UpdatedBy,
    };

    /// <exception cref="CryptographicException">The secret does not open (<see cref="WebhookSecretBox.Open"/>).</exception>
    public WebhookEndpoint Open(StoredWebhook webhook) => new()
    {
        Id = webhook.Id,
        Team = webhook.Team,
        Url = webhook.Url,
        Format = webhook.Format,
        Secret = box.Open(webhook.Secret, tenant, webhook.Id),
        UpdatedAt = webhook.UpdatedAt,
        UpdatedBy = webhook.UpdatedBy,
    };

    /// <summary>
    /// Seals what state written before sealing holds in plain text, and re-seals under the current key what a previous
    /// key sealed; true when anything changed, so that it is written. A secret that does not open is left as it is.
    /// </summary>
    public bool Refresh(WebhooksState state)
    {
        var changed = state.Webhooks.Count > 0;
        foreach (var plain in state.Webhooks)
        {
            if (!state.Sealed.Exists(w => w.Id == plain.Id))
            {
                state.Sealed.Add(Seal(plain));
            }
        }

        state.Webhooks.Clear();
        for (var i = 0; i < state.Sealed.Count; i++)
        {
            if (!box.IsCurrent(state.Sealed[i].Secret) && TryOpen(state.Sealed[i]) is { } open)
            {
                state.Sealed[i] = Seal(open);
                changed = true;
            }
        }

        return changed;
    }

    public WebhookEndpoint? TryOpen(StoredWebhook webhook)
    {
        try
        {
            return Open(webhook);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
