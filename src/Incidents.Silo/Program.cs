using Incidents.Grains;
using Incidents.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAzureStorageClients();
builder.UseOrleans(silo => silo
    .AddIncidentGrains(builder.Configuration)
    .UseAdvertisedAddressFromConfiguration(builder.Configuration)
    .StoreStateInBinary());

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
