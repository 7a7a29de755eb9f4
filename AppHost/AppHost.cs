using Incidents.Azurite;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// `dotnet run --project AppHost -- --silos 4` runs four silos.
var silos = builder.Configuration.GetValue("silos", 2);

// Where Azurite keeps its data between runs (`--azurite-data <folder>`); incidents outlive the AppHost.
var azuriteData = builder.Configuration["azurite-data"] ?? Path.Combine(builder.AppHostDirectory, ".azurite");

// azurite-fixes.cjs mends the pinned Azurite's write slots, which clients that give up (timeouts, a killed silo)
// otherwise leak until no blob write is answered again. Telemetry off: Azurite would send it to a Microsoft host.
var azurite = builder.AddExecutable("azurite", "node", AzuriteInstall.ToolDirectory,
        "--require", AzuriteInstall.FixesPath,
        AzuriteInstall.ScriptPath,
        "--blobHost", "127.0.0.1", "--blobPort", "10000",
        "--queueHost", "127.0.0.1", "--queuePort", "10001",
        "--tableHost", "127.0.0.1", "--tablePort", "10002",
        "--location", azuriteData,
        "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry")
    .WithHttpEndpoint(port: 10002, name: "table", isProxied: false)
    .WithHttpEndpoint(port: 10000, name: "blob", isProxied: false)
    // Azurite answers 400 to a bare GET on its table port: any answer means it is up.
    .WithHttpHealthCheck("/", statusCode: 400, endpointName: "table");

var tables = builder.AddConnectionString("tables", ReferenceExpression.Create($"{AzuriteConnection.Tables}"))
    .WithOrleansProviderType("AzureTableStorage");
var blobs = builder.AddConnectionString("blobs", ReferenceExpression.Create($"{AzuriteConnection.Blobs}"))
    .WithOrleansProviderType("AzureBlobStorage");

// A fresh cluster id per run: new silos never wait on the dead ones of the last run; state (ServiceId) stays.
var orleans = builder.AddOrleans("incidents")
    .WithClusterId($"incidents-{DateTime.UtcNow:yyyyMMdd-HHmmss}")
    .WithServiceId("incidents")
    .WithClustering(tables)
    .WithReminders(tables)
    .WithGrainStorage("incidents", blobs)
    .WithGrainStorage("lists", blobs);

// `--silo:Section:Key value` and `--api:Section:Key value` pass settings to those processes (a benchmark's, say).
// Silos seal webhook secrets under a key they refuse to start without: the development one, whichever environment
// the silos run in, unless `--silo:Incidents:Escalation:Webhooks:SecretKey <base64>` gives another.
// The silos run in the AppHost's environment (they have no launch profile of their own): in Development they take
// its appsettings.Development.json, so that a webhook on this machine is delivered as the API accepted it.
var silo = builder.AddProject<Projects.Incidents_Silo>("silo")
    .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithEnvironment("Incidents__Escalation__Webhooks__SecretKey", DevelopmentKeys.WebhookSecretKey)
    .WithSettingsFrom(builder.Configuration.GetSection("silo"))
    .WithReference(orleans)
    .WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1")
    // Each replica's own HTTP port (health, metrics): on a fixed default the second replica could not start.
    .WithEnvironment("ASPNETCORE_URLS", "http://127.0.0.1:0")
    .WithReplicas(silos)
    .WaitFor(azurite);

builder.AddProject<Projects.Incidents_Api>("api")
    .WithSettingsFrom(builder.Configuration.GetSection("api"))
    .WithReference(orleans.AsClient())
    .WithReference(blobs) // the ingest journal
    .WaitFor(silo)
    .WithHttpHealthCheck("/health");

builder.Build().Run();

internal static class SettingsPassing
{
    /// <summary>Each setting under the section, as the environment variable .NET configuration reads it.</summary>
    public static IResourceBuilder<ProjectResource> WithSettingsFrom(this IResourceBuilder<ProjectResource> project, IConfigurationSection section)
    {
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return project;
    }
}

/// <summary>Keys for this machine only: public, NOT FOR PRODUCTION (the silo's appsettings.Development.json holds the same).</summary>
internal static class DevelopmentKeys
{
    /// <summary>Base64 of "incidents-dev-only-NOT-A-SECRET!".</summary>
    public const string WebhookSecretKey = "aW5jaWRlbnRzLWRldi1vbmx5LU5PVC1BLVNFQ1JFVCE=";
}

/// <summary>Azurite's well-known development account (public, documented by Microsoft), on the ports above.</summary>
internal static class AzuriteConnection
{
    private const string Account =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;";

    public const string Tables = Account + "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
    public const string Blobs = Account + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
}
