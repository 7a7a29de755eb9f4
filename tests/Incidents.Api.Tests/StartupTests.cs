using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>Configurations a process must refuse to start with, saying why.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Outside_Development_the_API_refuses_to_start_without_configured_keys() =>
        Assert.Contains("No API keys are configured",
            await OutputOfRefusedStart("api-without-keys", BuiltProjects.Api, keys: false), StringComparison.Ordinal);

    [Fact]
    public async Task The_API_refuses_to_start_without_blob_storage_for_its_ingest_journal() =>
        Assert.Contains("The ingest journal needs blob storage",
            await OutputOfRefusedStart("api-without-journal", BuiltProjects.Api, blobs: false), StringComparison.Ordinal);

    [Fact]
    public async Task The_API_refuses_to_start_with_a_journal_retention_the_state_write_delay_could_outlast() =>
        Assert.Contains("'Incidents:Journal:Retention' (00:01:00) must be longer than 'Incidents:Correlation:StateWriteDelay' (00:00:30)",
            await OutputOfRefusedStart("api-short-retention", BuiltProjects.Api, extra: ("Incidents__Journal__Retention", "00:01:00")),
            StringComparison.Ordinal);

    [Fact]
    public async Task A_silo_refuses_to_start_with_a_state_write_delay_the_journal_would_not_outlast() =>
        Assert.Contains("must be longer than 'Incidents:Correlation:StateWriteDelay' (00:05:00)",
            await OutputOfRefusedStart("silo-slow-writes", BuiltProjects.Silo, extra: ("Incidents__Correlation__StateWriteDelay", "00:05:00")),
            StringComparison.Ordinal);

    [Fact]
    public async Task A_silo_refuses_to_start_without_a_webhook_secret_key() =>
        Assert.Contains("'Incidents:Escalation:Webhooks:SecretKey' is not set",
            await OutputOfRefusedStart("silo-without-webhook-key", BuiltProjects.Silo, extra: ("Incidents__Escalation__Webhooks__SecretKey", "")),
            StringComparison.Ordinal);

    [Fact]
    public async Task A_silo_refuses_to_start_with_a_webhook_secret_key_that_is_not_32_bytes_of_base64_and_does_not_print_it()
    {
        const string shortKey = "c2hvcnQta2V5"; // "short-key"
        var output = await OutputOfRefusedStart("silo-bad-webhook-key", BuiltProjects.Silo, extra: ("Incidents__Escalation__Webhooks__SecretKey", shortKey));
        Assert.Contains("'Incidents:Escalation:Webhooks:SecretKey' is not base64 of 32 random bytes", output, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_refuses_to_start_with_a_source_time_zone_it_cannot_read() =>
        Assert.Contains("The time zone of source 'suricata', 'Mars/Olympus_Mons'",
            await OutputOfRefusedStart("api-bad-zone", BuiltProjects.Api, extra: ("Incidents__Ingest__SourceTimeZones__suricata", "Mars/Olympus_Mons")),
            StringComparison.Ordinal);

    /// <summary>
    /// Starts the program with everything it needs but what the test leaves out or adds, and returns what it printed
    /// once it has exited; fails if it is still running after a minute.
    /// </summary>
    private static async Task<string> OutputOfRefusedStart(
        string name, string dll, bool keys = true, bool blobs = true, (string Key, string Value)? extra = null)
    {
        var environment = new Dictionary<string, string>(keys ? TestKeys.Environment() : [])
        {
            ["Orleans__ClusterId"] = "no-cluster",
            ["Orleans__ServiceId"] = "no-service",
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",
            ["ConnectionStrings__tables"] = "UseDevelopmentStorage=true",
            ["Incidents__Escalation__Webhooks__SecretKey"] = IncidentsSystem.WebhookSecretKey,
        };
        if (blobs)
        {
            environment["ConnectionStrings__blobs"] = "UseDevelopmentStorage=true";
        }

        if (extra is { } setting)
        {
            environment[setting.Key] = setting.Value;
        }

        await using var process = ServiceProcess.Start(name, dll, FreePort.Next(), environment);
        var exited = await Poll.Until(() => Task.FromResult(process.HasExited), done => done, TimeSpan.FromSeconds(60));
        Assert.True(exited, $"{name} kept running");
        return process.Output;
    }
}
