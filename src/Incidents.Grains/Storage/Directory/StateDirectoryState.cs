namespace Incidents.Grains.Storage.Directory;

[GenerateSerializer, Alias("Incidents.Grains.Storage.Directory.StateDirectoryState")]
public sealed class StateDirectoryState
{
    /// <summary>Hashes of the grains that may have state stored (<see cref="StateDirectoryKeys.Hash"/>).</summary>
    [Id(0)]
    public long[] Grains { get; set; } = [];
}
