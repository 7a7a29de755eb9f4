using System.Text.Json.Serialization;
using Incidents.Alerts;
using Incidents.Api.Alerts;
using Incidents.Api.Cluster;
using Incidents.Api.Hosts;
using Incidents.Api.Incidents;
using Incidents.Api.Security;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClusterClient();

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.Services.AddApiKeySecurity(builder.Configuration);
builder.Services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new AlertNormalizer(new NormalizerOptions
{
    InternalNetworks = sp.GetRequiredService<IOptions<IngestOptions>>().Value.InternalNetworks is { Count: > 0 } cidrs
        ? InternalNetworks.Parse(cidrs)
        : InternalNetworks.Default,
}));
builder.Services.AddSingleton<AlertIntake>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapAlertEndpoints();
app.MapIncidentEndpoints();
app.MapHostEndpoints();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
