using System.Text;

namespace Incidents.Alerts.Tests;

/// <summary>Seed items of the OCSF, ECS and Zeek formats for the mutation property test: accepted and refused ones.</summary>
internal static class OcsfEcsZeekSeeds
{
    public const int Count = 17 + 4 + 27;

    public static IEnumerable<byte[]> All()
    {
        var seeds = new List<byte[]>();
        seeds.AddRange(OcsfSamples.AwsItems.Concat(OcsfSamples.AzureItems).Concat(OcsfSamples.SecurityHubItems)
            .Concat(OcsfSamples.AuthenticationItems).Select(item => item.ToArray()));
        seeds.Add(Encoding.UTF8.GetBytes(OcsfSamples.EdrFinding));
        seeds.AddRange(EcsSamples.EndpointItems.Concat(EcsSamples.IndicatorMatchItems).Select(item => item.ToArray()));
        seeds.Add(Encoding.UTF8.GetBytes(EcsSamples.NestedAlert));
        seeds.AddRange(ZeekSamples.Apt29Notices.SelectMany(ZeekSamples.Items).Select(item => item.ToArray()));
        seeds.AddRange(ZeekSamples.Items(ZeekSamples.WrccdcNotices).Take(10).Select(item => item.ToArray()));
        seeds.Add(Encoding.UTF8.GetBytes(ZeekSamples.ScanNotice));
        seeds.AddRange(ZeekSamples.ContextLogs.Select(log => ZeekSamples.Items(log.File)[0].ToArray()));
        return seeds;
    }
}
