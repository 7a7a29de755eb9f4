namespace Incidents.Grains.Escalation;

/// <summary>The webhook secret keys as configured (<see cref="EscalationWebhookOptions.SecretKey"/>): checked, and made a box.</summary>
public static class WebhookSecretKeys
{
    public const string Setting = EscalationWebhookOptions.Section + ":" + nameof(EscalationWebhookOptions.SecretKey);
    public const string PreviousSetting = EscalationWebhookOptions.Section + ":" + nameof(EscalationWebhookOptions.PreviousSecretKeys);

    /// <summary>What is wrong with the configured keys, in words an operator can act on; null when nothing is.</summary>
    public static string? Problem(EscalationWebhookOptions options)
    {
        // Never the value itself in a message: it would reach a log.
        const string how = "base64 of 32 random bytes (`openssl rand -base64 32`)";
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            return $"'{Setting}' is not set: silos seal webhook signing secrets under it. Set it to {how}, the same on every silo.";
        }

        if (Parse(options.SecretKey) is null)
        {
            return $"'{Setting}' is not {how}.";
        }

        for (var i = 0; i < options.PreviousSecretKeys.Count; i++)
        {
            if (Parse(options.PreviousSecretKeys[i]) is null)
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{PreviousSetting}:{i}' is not {how}.");
            }
        }

        return null;
    }

    /// <exception cref="InvalidOperationException">The keys are missing or malformed (<see cref="Problem"/> says how).</exception>
    public static WebhookSecretBox Box(EscalationWebhookOptions options) => Problem(options) is { } problem
        ? throw new InvalidOperationException(problem)
        : new WebhookSecretBox(Parse(options.SecretKey)!, options.PreviousSecretKeys.Select(k => Parse(k)!));

    private static byte[]? Parse(string? text)
    {
        var bytes = new byte[WebhookSecretBox.KeySize + 3];
        return Convert.TryFromBase64String(text?.Trim() ?? "", bytes, out var written) && written == WebhookSecretBox.KeySize
            ? bytes[..written]
            : null;
    }
}
