using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>One silo and the API as processes on a real Azurite, shared by a collection of tests.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public IncidentsSystem System { get; private set; } = null!;

    public HttpClient Ingest { get; private set; } = null!;

    public HttpClient Analyst { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Webhooks give up fast here, so that a dead letter is made within a test's patience.
        System = await IncidentsSystem.StartAsync(siloSettings: new Dictionary<string, string>
        {
            ["Incidents__Escalation__Webhooks__MaxAttempts"] = "2",
            ["Incidents__Escalation__Webhooks__FirstRetry"] = "00:00:00.100",
            ["Incidents__Escalation__Webhooks__Deadline"] = "00:00:03",
        });
        Ingest = System.CreateClient(TestKeys.Ingest);
        Analyst = System.CreateClient(TestKeys.Analyst);
    }

    public async ValueTask DisposeAsync()
    {
        Ingest?.Dispose();
        Analyst?.Dispose();
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}

/// <summary>
/// Tests that kill, freeze or flood a system of their own and bound how long its answers take: they run one at a time,
/// after the rest, so that on a 2-core machine another test's load is not what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
