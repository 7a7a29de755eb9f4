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
        System = await IncidentsSystem.StartAsync();
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
