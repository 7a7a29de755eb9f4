using Incidents.Azurite;

namespace Incidents.Testing;

/// <summary>
/// The whole system as separate processes on real Azurite: silos and the API, configured the way the
/// AppHost configures them (the <c>Orleans</c> section Aspire.Hosting.Orleans writes).
/// </summary>
public sealed class IncidentsSystem : IAsyncDisposable
{
    private readonly List<ServiceProcess> _silos = [];
    private readonly Dictionary<int, ServiceProcess> _silosByPort = [];
    private readonly List<ServiceProcess> _addedApis = [];
    private readonly string _serviceId = $"incidents-test-{Guid.NewGuid():N}";
    private readonly KeyValuePair<string, string>[] _apiSettings;
    private readonly KeyValuePair<string, string>[] _siloSettings;
    private int _clusters;
    private bool _storageFrozen;

    /// <summary>The key the harness's silos seal webhook secrets under (base64 of "incidents-test-only-NOT-A-SECRET").</summary>
    public const string WebhookSecretKey = "aW5jaWRlbnRzLXRlc3Qtb25seS1OT1QtQS1TRUNSRVQ=";

    private IncidentsSystem(AzuriteProcess azurite, IReadOnlyDictionary<string, string>? apiSettings, IReadOnlyDictionary<string, string>? siloSettings)
    {
        Azurite = azurite;
        _apiSettings = [.. TestKeys.Environment(), .. TestTokens.Environment(), .. apiSettings ?? new Dictionary<string, string>()];
        _siloSettings = [.. siloSettings ?? new Dictionary<string, string>()];
    }

    public AzuriteProcess Azurite { get; private set; }

    public ServiceProcess Api { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    /// <summary>The silo listening on <paramref name="siloPort"/> (the port in an Orleans silo address), if this system started it.</summary>
    public ServiceProcess? SiloOnPort(int siloPort) => _silosByPort.GetValueOrDefault(siloPort);

    /// <summary>A fresh cluster id per start, as the AppHost does; the service id (and so the state) stays.</summary>
    public string ClusterId { get; private set; } = "";

    /// <param name="apiSettings">Configuration for the API, as environment variables (<c>Incidents__Ingest__…</c>).</param>
    /// <param name="siloSettings">Configuration for the silos, over the harness's own (such as a 200 ms state write delay).</param>
    public static async Task<IncidentsSystem> StartAsync(
        int silos = 1, IReadOnlyDictionary<string, string>? apiSettings = null, IReadOnlyDictionary<string, string>? siloSettings = null)
    {
        // Azurite's data in a folder of the system's own, so that storage can stop and come back with it.
        var data = Path.Combine(Path.GetTempPath(), $"incidents-system-{Guid.NewGuid():N}");
        var system = new IncidentsSystem(await AzuriteProcess.StartAsync(new AzuriteOptions { DataDirectory = data }), apiSettings, siloSettings);
        try
        {
            await system.StartClusterAsync(silos);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <param name="api">Another API instance than the first (<see cref="AddApiAsync"/>).</param>
    public HttpClient CreateClient(string? apiKey, ServiceProcess? api = null)
    {
        var client = new HttpClient { BaseAddress = (api ?? Api).BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>A client signed in with a bearer token (<see cref="TestTokens"/>) instead of a key.</summary>
    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task StartClusterAsync(int silos)
    {
        ClusterId = $"test-{++_clusters}-{Guid.NewGuid():N}";
        for (var i = 0; i < silos; i++)
        {
            await AddSiloAsync();
        }

        Api = await StartApiAsync("api");
    }

    /// <summary>
    /// Another API instance on the same cluster, as a second replica behind a load balancer; the caller may stop it,
    /// and disposing the system ends it if not.
    /// </summary>
    /// <param name="settings">Configuration of this instance alone, over the system's (<c>Incidents__Ingest__…</c>).</param>
    public async Task<ServiceProcess> AddApiAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = await StartApiAsync($"api-{Guid.NewGuid():N}"[..10], settings);
        _addedApis.Add(api);
        return api;
    }

    private async Task<ServiceProcess> StartApiAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = ServiceProcess.Start(name, BuiltProjects.Api, FreePort.Next(), Environment([.. _apiSettings, .. settings ?? new Dictionary<string, string>()]));
        try
        {
            await api.WaitHealthyAsync();
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    public async Task<ServiceProcess> AddSiloAsync()
    {
        var siloPort = FreePort.Next();
        var silo = ServiceProcess.Start($"silo-{_silos.Count}", BuiltProjects.Silo, FreePort.Next(), Environment(
        [
            new("Orleans__Endpoints__SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Orleans__Endpoints__GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1"),
            new("Orleans__GrainStorage__incidents__ProviderType", "AzureBlobStorage"),
            new("Orleans__GrainStorage__incidents__ServiceKey", "blobs"),
            new("Orleans__GrainStorage__lists__ProviderType", "AzureBlobStorage"),
            new("Orleans__GrainStorage__lists__ServiceKey", "blobs"),
            new("Orleans__Reminders__ProviderType", "AzureTableStorage"),
            new("Orleans__Reminders__ServiceKey", "tables"),
            new("Incidents__Correlation__StateWriteDelay", "00:00:00.200"),
            new("Incidents__Escalation__Webhooks__SecretKey", WebhookSecretKey),
            new("Orleans__ActivationRebalancer__RebalancerDueTime", "00:00:05"),
            new("Orleans__ActivationRebalancer__SessionCyclePeriod", "00:00:05"),
            .. _siloSettings,
        ]));
        _silos.Add(silo);
        _silosByPort[siloPort] = silo;
        await silo.WaitHealthyAsync();
        return silo;
    }

    /// <summary>Stops the API and every silo gracefully, as an operator stopping the system would.</summary>
    public async Task StopClusterAsync()
    {
        await Api.StopAsync();
        foreach (var silo in _silos)
        {
            await silo.StopAsync();
        }

        _silos.Clear();
        _silosByPort.Clear();
    }

    /// <summary>
    /// Stops the whole system as the AppHost's orchestrator (Aspire DCP) does when the AppHost is stopped: every
    /// process, storage included, is asked to stop (SIGTERM; Azurite its graceful stop) at the same moment, and whatever
    /// has not exited after <paramref name="grace"/> is killed (DCP: 6 s, not configurable). <see cref="StartStorageAsync"/>
    /// and <see cref="StartClusterAsync"/> then start it again on the same data, as <c>dotnet run --project AppHost</c> does.
    /// </summary>
    public async Task StopAllAsOrchestratorAsync(TimeSpan? grace = null)
    {
        var timeout = grace ?? TimeSpan.FromSeconds(6);
        await Task.WhenAll([
            Api.StopAsync(timeout),
            .. _silos.Select(s => s.StopAsync(timeout)),
            StopStorageAsync(),
        ]);
        _silos.Clear();
        _silosByPort.Clear();
    }

    /// <summary>Stops storage (gracefully: Azurite saves its data), as an outage would take it away.</summary>
    public async Task StopStorageAsync() => await Azurite.DisposeAsync();

    /// <summary>
    /// Freezes storage (SIGSTOP): its ports still take connections, and nothing answers, as a storage that stalls does.
    /// Unlike <see cref="StopStorageAsync"/>, no client sees a refused connection.
    /// </summary>
    public void FreezeStorage()
    {
        ServiceProcess.Signal(Azurite.ProcessId, ServiceProcess.SigStop);
        _storageFrozen = true;
    }

    /// <summary>Lets frozen storage go on (SIGCONT) where it stopped.</summary>
    public void ThawStorage()
    {
        ServiceProcess.Signal(Azurite.ProcessId, ServiceProcess.SigCont);
        _storageFrozen = false;
    }

    /// <summary>Brings storage back on the same ports with the same data.</summary>
    public async Task StartStorageAsync() => Azurite = await AzuriteProcess.StartAsync(new AzuriteOptions
    {
        BlobPort = Azurite.BlobPort,
        QueuePort = Azurite.QueuePort,
        TablePort = Azurite.TablePort,
        DataDirectory = Azurite.DataDirectory,
    });

    public async ValueTask DisposeAsync()
    {
        if (_storageFrozen)
        {
            ThawStorage(); // a frozen process would not stop gracefully
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        foreach (var api in _addedApis)
        {
            await api.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(Azurite.DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private Dictionary<string, string> Environment(KeyValuePair<string, string>[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__tables"] = Azurite.ConnectionString,
            ["ConnectionStrings__blobs"] = Azurite.ConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__Clustering__ProviderType"] = "AzureTableStorage",
            ["Orleans__Clustering__ServiceKey"] = "tables",

            // Tests poll as fast as they may; the rate-limit test sets its own.
            ["Incidents__RateLimits__RequestsPerSecond"] = "100000",
            ["Incidents__RateLimits__IngestPerSecond"] = "100000",
            ["Incidents__RateLimits__FailedSignInsPerSecond"] = "100000",
            ["Incidents__RateLimits__FailedSignInBurst"] = "100000",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }
}
