using System.Net;
using Orleans.Configuration;
using Orleans.Storage;

namespace Incidents.Silo;

internal static class SiloConfiguration
{
    /// <summary>
    /// <c>Orleans:Endpoints:AdvertisedIPAddress</c>: the address other silos and clients dial. On one machine
    /// it must be 127.0.0.1, or silos advertise an interface address the sandbox may not route.
    /// </summary>
    public static ISiloBuilder UseAdvertisedAddressFromConfiguration(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (configuration["Orleans:Endpoints:AdvertisedIPAddress"] is { Length: > 0 } text)
        {
            var address = IPAddress.Parse(text);
            silo.Services.PostConfigure<EndpointOptions>(o => o.AdvertisedIPAddress = address);
        }

        return silo;
    }

    /// <summary>
    /// Moves activations from busy silos to idle ones, so that a silo added to a running cluster takes its share of
    /// the hosts already active, not only new ones. Timing from <c>Orleans:ActivationRebalancer</c>
    /// (<see cref="ActivationRebalancerOptions"/>: first session after a minute, a cycle every 15 s).
    /// A moving grain writes its state on the way out and carries it to its new silo.
    /// </summary>
    public static ISiloBuilder RebalanceActivations(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<ActivationRebalancerOptions>().Bind(configuration.GetSection("Orleans:ActivationRebalancer"));
#pragma warning disable ORLEANSEXP002 // experimental in Orleans 10: what it does is documented, and the fault tests assert it
        return silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
    }

    /// <summary>Refuses to start with a journal retention the state write delay and membership could outlast.</summary>
    public static ISiloBuilder RequireWriteBehindSafety(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<Incidents.Grains.CorrelationOptions>().ValidateOnStart();
        silo.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Incidents.Grains.CorrelationOptions>, WriteBehindSafetyCheck>();
        return silo;
    }

    /// <summary>Refuses to start without a well-formed key to seal webhook secrets under (<c>Incidents:Escalation:Webhooks:SecretKey</c>).</summary>
    public static ISiloBuilder RequireWebhookSecretKey(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<Incidents.Grains.Escalation.EscalationWebhookOptions>().ValidateOnStart();
        silo.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Incidents.Grains.Escalation.EscalationWebhookOptions>, WebhookSecretKeyCheck>();
        return silo;
    }

    /// <summary>
    /// Grain state in Orleans' binary format, not JSON: a third of the size and several times cheaper to write,
    /// and <c>[Alias]</c>/<c>[Id]</c> keep it readable across renames.
    /// </summary>
    public static ISiloBuilder StoreStateInBinary(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }

    /// <summary>
    /// Entity state written before the state directory existed is listed once, when each directory shard is created,
    /// so that no stored host, user or incident is taken for new.
    /// </summary>
    public static ISiloBuilder ScanStoredStateForDirectory(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<Incidents.Grains.Storage.Directory.IStoredStateScan, BlobStoredStateScan>();
        return silo;
    }
}
