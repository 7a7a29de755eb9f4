using Incidents.Api.Hosts;
using Incidents.Contracts.Triage;

namespace Incidents.Api.Triage;

/// <summary>A suppression as a tenant admin sends it.</summary>
public sealed record SuppressionRequest(
    string? RuleId, string? Title, string? Source, string? Destination, string? Host, string? User, string? Observable,
    string? Reason, DateTimeOffset? ExpiresAt);

/// <summary>Every field of a suppression checked exactly, so that a bad one is a 400 that names it.</summary>
public static class SuppressionRequests
{
    private const int MaxText = 256;
    private const int MaxReason = 1_000;

    public static bool IsId(string id) => id.Length == 16 && id.All(char.IsAsciiHexDigitLower);

    public static (Suppression? Suppression, string? Problem) Check(SuppressionRequest? body, string id, string author, DateTimeOffset now)
    {
        if (body is null)
        {
            return (null, "A JSON body is required: {\"ruleId\": …, \"reason\": …}.");
        }

        if (body.RuleId is null && body.Title is null && body.Source is null && body.Destination is null
            && body.Host is null && body.User is null && body.Observable is null)
        {
            return (null, "Give at least one of ruleId, title, source, destination, host, user, observable: a suppression of everything is not one.");
        }

        foreach (var (name, value) in new[] { ("ruleId", body.RuleId), ("title", body.Title), ("user", body.User), ("observable", body.Observable) })
        {
            if (value is not null && (value.Length is 0 or > MaxText || value.Any(char.IsControl)))
            {
                return (null, $"'{name}' is text of 1 to {MaxText} characters without control characters.");
            }
        }

        if (body.Title is not null && body.Title.All(c => c == '*'))
        {
            return (null, "'title' must name some text: a pattern of only * matches every alert.");
        }

        if (body.Observable is not null && body.Observable.IndexOf(':', StringComparison.Ordinal) is < 1 || body.Observable?.EndsWith(':') == true)
        {
            return (null, "'observable' is kind:value, such as domain:cdn.example.net.");
        }

        foreach (var (name, value) in new[] { ("source", body.Source), ("destination", body.Destination) })
        {
            if (value is not null && !Suppression.IsAddressOrNetwork(value))
            {
                return (null, $"'{name}' is an address or a network in CIDR form, such as 10.1.0.0/16.");
            }
        }

        string? host = null;
        if (body.Host is not null && !HostKeys.TryNormalize(body.Host, out host))
        {
            return (null, $"'host': {HostKeys.Rule}");
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxReason || body.Reason.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
        {
            return (null, $"'reason' is required: why these alerts are noise, up to {MaxReason} characters.");
        }

        if (body.ExpiresAt is { } expires && expires <= now)
        {
            return (null, "'expiresAt' is in the future.");
        }

        return (new Suppression
        {
            Id = id,
            RuleId = body.RuleId,
            Title = body.Title,
            Source = body.Source,
            Destination = body.Destination,
            Host = host,
            User = body.User,
            Observable = body.Observable,
            Reason = body.Reason,
            Author = author,
            CreatedAt = now,
            ExpiresAt = body.ExpiresAt,
        }, null);
    }

    /// <summary>What the audit log says of it.</summary>
    public static string Describe(Suppression s) => string.Join(", ", new[]
    {
        s.RuleId is null ? null : $"rule {s.RuleId}", s.Title is null ? null : $"title '{s.Title}'", s.Source is null ? null : $"source {s.Source}",
        s.Destination is null ? null : $"destination {s.Destination}", s.Host is null ? null : $"host {s.Host}",
        s.User is null ? null : $"user {s.User}", s.Observable is null ? null : $"observable {s.Observable}",
        s.ExpiresAt is null ? null : $"until {s.ExpiresAt:O}",
    }.OfType<string>()) + $": {s.Reason}";
}
