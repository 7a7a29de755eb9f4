using Incidents.Grains.Escalation;
using Microsoft.Extensions.Options;

namespace Incidents.Silo;

/// <summary>The silo refuses to start without a webhook secret key it can use, saying what is wrong (never the key).</summary>
internal sealed class WebhookSecretKeyCheck : IValidateOptions<EscalationWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, EscalationWebhookOptions options) =>
        WebhookSecretKeys.Problem(options) is { } why ? ValidateOptionsResult.Fail(why) : ValidateOptionsResult.Success;
}
