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
