using Incidents.Grains.Escalation;

namespace Incidents.Grains.Tests;

/// <summary>The key in-process silos seal webhook secrets under: public, for tests only (base64 of "incidents-test-only-NOT-A-SECRET").</summary>
internal static class TestSecretKey
{
    public const string Base64 = "aW5jaWRlbnRzLXRlc3Qtb25seS1OT1QtQS1TRUNSRVQ=";

    public const string Setting = WebhookSecretKeys.Setting;
}
