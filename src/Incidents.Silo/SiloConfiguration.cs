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
    /// Grain state in Orleans' binary format, not JSON: a third of the size and several times cheaper to write,
    /// and <c>[Alias]</c>/<c>[Id]</c> keep it readable across renames.
    /// </summary>
    public static ISiloBuilder StoreStateInBinary(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }
}
