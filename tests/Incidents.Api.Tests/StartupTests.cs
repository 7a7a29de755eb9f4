using Incidents.Testing;

namespace Incidents.Api.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Outside_Development_the_API_refuses_to_start_without_configured_keys()
    {
        await using var api = ServiceProcess.Start("api-without-keys", BuiltProjects.Api, FreePort.Next(), new Dictionary<string, string>
        {
            // Everything but keys, so that keys are what it stops on.
            ["Orleans__ClusterId"] = "no-cluster",
            ["Orleans__ServiceId"] = "no-service",
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",
            ["ConnectionStrings__tables"] = "UseDevelopmentStorage=true",
            ["ConnectionStrings__blobs"] = "UseDevelopmentStorage=true",
        });

        var exited = await Poll.Until(() => Task.FromResult(api.HasExited), done => done, TimeSpan.FromSeconds(60));

        Assert.True(exited, "the API kept running without keys");
        Assert.Contains("No API keys are configured", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_refuses_to_start_without_blob_storage_for_its_ingest_journal()
    {
        await using var api = ServiceProcess.Start("api-without-journal", BuiltProjects.Api, FreePort.Next(), new Dictionary<string, string>(TestKeys.Environment())
        {
            ["Orleans__ClusterId"] = "no-cluster",
            ["Orleans__ServiceId"] = "no-service",
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",
            ["ConnectionStrings__tables"] = "UseDevelopmentStorage=true",
        });

        var exited = await Poll.Until(() => Task.FromResult(api.HasExited), done => done, TimeSpan.FromSeconds(60));

        Assert.True(exited, "the API kept running without a journal");
        Assert.Contains("The ingest journal needs blob storage", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_refuses_to_start_with_a_journal_retention_the_state_write_delay_could_outlast()
    {
        await using var api = ServiceProcess.Start("api-short-retention", BuiltProjects.Api, FreePort.Next(), new Dictionary<string, string>(TestKeys.Environment())
        {
            ["Orleans__ClusterId"] = "no-cluster",
            ["Orleans__ServiceId"] = "no-service",
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",
            ["ConnectionStrings__tables"] = "UseDevelopmentStorage=true",
            ["ConnectionStrings__blobs"] = "UseDevelopmentStorage=true",
            ["Incidents__Journal__Retention"] = "00:01:00",
        });

        var exited = await Poll.Until(() => Task.FromResult(api.HasExited), done => done, TimeSpan.FromSeconds(60));

        Assert.True(exited, "the API kept running with a one-minute journal and 30 s state writes");
        Assert.Contains("'Incidents:Journal:Retention' (00:01:00) must be longer than 'Incidents:Correlation:StateWriteDelay' (00:00:30)", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_refuses_to_start_with_a_state_write_delay_the_journal_would_not_outlast()
    {
        await using var silo = ServiceProcess.Start("silo-slow-writes", BuiltProjects.Silo, FreePort.Next(), new Dictionary<string, string>
        {
            ["Orleans__ClusterId"] = "no-cluster",
            ["Orleans__ServiceId"] = "no-service",
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",
            ["ConnectionStrings__tables"] = "UseDevelopmentStorage=true",
            ["ConnectionStrings__blobs"] = "UseDevelopmentStorage=true",
            ["Incidents__Correlation__StateWriteDelay"] = "00:05:00",
        });

        var exited = await Poll.Until(() => Task.FromResult(silo.HasExited), done => done, TimeSpan.FromSeconds(60));

        Assert.True(exited, "the silo kept running with state writes slower than the journal keeps batches");
        Assert.Contains("must be longer than 'Incidents:Correlation:StateWriteDelay' (00:05:00)", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_refuses_to_start_with_a_source_time_zone_it_cannot_read()
    {
        await using var api = ServiceProcess.Start("api-bad-zone", BuiltProjects.Api, FreePort.Next(), new Dictionary<string, string>(TestKeys.Environment())
        {
            ["Orleans__ClusterId"] = "no-cluster",
            ["Orleans__ServiceId"] = "no-service",
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",
            ["ConnectionStrings__tables"] = "UseDevelopmentStorage=true",
            ["ConnectionStrings__blobs"] = "UseDevelopmentStorage=true",
            ["Incidents__Ingest__SourceTimeZones__suricata"] = "Mars/Olympus_Mons",
        });

        var exited = await Poll.Until(() => Task.FromResult(api.HasExited), done => done, TimeSpan.FromSeconds(60));

        Assert.True(exited, "the API kept running with a time zone it cannot read");
        Assert.Contains("The time zone of source 'suricata', 'Mars/Olympus_Mons'", api.Output, StringComparison.Ordinal);
    }
}
