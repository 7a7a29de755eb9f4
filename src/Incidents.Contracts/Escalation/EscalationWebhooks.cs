using System.Text;
using System.Text.RegularExpressions;
using Incidents.Contracts.Tenants;

namespace Incidents.Contracts.Escalation;

/// <summary>The body a receiver gets: plain JSON, a Slack incoming-webhook message, or a Microsoft Teams Adaptive Card.</summary>
public enum WebhookFormat
{
    Generic,
    Slack,
    Teams,
}

/// <summary>
/// A team's webhook, secret included, as the API hands it in (<see cref="IEscalationWebhooksGrain.Put"/>) and the
/// outbox gets it to sign with; grain state holds the secret sealed, not this. Never leaves the silo towards the API,
/// which reads <see cref="WebhookView"/>s back. Its text form leaves the secret out, so that no log or exception can
/// carry it. State written before sealing holds it as it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("Incidents.WebhookEndpoint")]
public sealed record WebhookEndpoint
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Team { get; init; }
    [Id(2)] public required string Url { get; init; }
    [Id(3)] public required WebhookFormat Format { get; init; }
    [Id(4)] public required string Secret { get; init; }
    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(6)] public required string UpdatedBy { get; init; }

    public WebhookView ToView() => new(Id, Team, WebhookUrls.Shown(Url), Format, SecretSet: Secret.Length > 0, UpdatedAt, UpdatedBy);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Team = ").Append(Team).Append(", Format = ").Append(Format).Append(", Secret = ***");
        return true;
    }
}

/// <summary>A webhook as the API shows it: the secret only as <see cref="SecretSet"/>, the URL without its query.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.WebhookView")]
public sealed record WebhookView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Team,
    [property: Id(2)] string Url,
    [property: Id(3)] WebhookFormat Format,
    [property: Id(4)] bool SecretSet,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] string UpdatedBy);

[GenerateSerializer, Immutable, Alias("Incidents.WebhookSet")]
public sealed record WebhookSet([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<WebhookView> Webhooks);

/// <summary>What a put did: <see cref="Refused"/> names the limit when the list is full.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.WebhookChange")]
public sealed record WebhookChange([property: Id(0)] WebhookView? Webhook, [property: Id(1)] bool Created, [property: Id(2)] string? Refused);

public static partial class EscalationWebhooks
{
    public const int MaxPerTeam = 10;
    public const int MaxPerTenant = 50;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public static string Key(string tenant) => TenantScoped.Key(tenant, "escalation-webhooks");

    /// <summary>A team's or a webhook's id: lower-case letters, digits and inner dashes, 1 to 63 characters.</summary>
    public static bool IsName(string? text) => text is not null && NamePattern().IsMatch(text);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();
}
