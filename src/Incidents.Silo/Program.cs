using Orleans.Dashboard;
using Incidents.Grains;
using Incidents.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAzureStorageClients();
builder.UseOrleans(silo => silo
    .AddIncidentGrains(builder.Configuration)
    .RequireWriteBehindSafety()
    .RequireWebhookSecretKey()
    .UseAdvertisedAddressFromConfiguration(builder.Configuration)
    .RebalanceActivations(builder.Configuration)
    .StoreStateInBinary()
    .ScanStoredStateForDirectory()
    .AddDashboard()); // its data; the API serves it, behind the admin role

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
