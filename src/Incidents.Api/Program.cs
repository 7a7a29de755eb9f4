using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Api;
using Incidents.Api.Access;
using Incidents.Api.Alerts;
using Incidents.Api.Assets;
using Incidents.Api.Audit;
using Incidents.Api.Cluster;
using Incidents.Api.Enrichment;
using Incidents.Api.Escalation;
using Incidents.Api.Events;
using Incidents.Api.Hosts;
using Incidents.Api.Importing;
using Incidents.Api.Incidents;
using Incidents.Api.Intel;
using Incidents.Api.Ingest;
using Incidents.Api.Response;
using Incidents.Api.Runbooks;
using Incidents.Api.Security;
using Incidents.Api.Storage;
using Incidents.Api.Triage;
using Incidents.Api.Users;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClusterClient();
builder.AddHttpHardening();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadHttpRequestHandler>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddCallerAuthentication(builder.Configuration);
builder.Services.AddKeyRateLimits(builder.Configuration);
builder.Services.AddRequestStorage();
builder.Services.AddAuditLog();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddIngest(builder.Configuration);
builder.Services.AddOptions<ImportOptions>().Bind(builder.Configuration.GetSection(ImportOptions.Section));

var app = builder.Build();
app.UseHttpHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseConsoleFiles(); // before authentication: the console's files hold no data
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapAlertEndpoints();
app.MapEventEndpoints();
app.MapQueueEndpoints();
app.MapFeedEndpoints();
app.MapIncidentEndpoints();
app.MapIncidentActionEndpoints();
app.MapHostEndpoints();
app.MapUserEndpoints();
app.MapTenantEndpoints();
app.MapKeyEndpoints();
app.MapAuditEndpoints();
app.MapSuppressionEndpoints();
app.MapTriageEndpoints();
app.MapIntelEndpoints();
app.MapEnrichmentEndpoints();
app.MapAssetEndpoints();
app.MapEscalationPolicyEndpoints();
app.MapEscalationWebhookEndpoints();
app.MapDrillEndpoints();
app.MapResponseEndpoints();
app.MapRunbookEndpoints();
app.MapConsoleSignInEndpoints();
app.MapConsolePages();

// The Orleans dashboard shows every tenant's grain state: the installation's administrators only.
app.UseDashboardSiloAddressCheck("/dashboard");
app.MapOrleansDashboard("/dashboard").RequireAuthorization(Roles.InstallationAdmin);
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
