namespace Incidents.Grains.Storage;

public static class StorageNames
{
    /// <summary>
    /// Azure Blob storage: host, user and incident state, a blob per grain. Not tables: Azurite's table store is one
    /// in-memory database saved whole every few seconds, and thousands of hosts' state there stall every write.
    /// </summary>
    public const string Incidents = "incidents";

    /// <summary>
    /// What hosts, users and incidents are stored with: <see cref="Incidents"/>, read only for grains that were ever
    /// written (<see cref="Directory.EntityGrainStorage"/>). Not a provider of its own in configuration.
    /// </summary>
    public const string Entities = "entities";

    /// <summary>Azure Blob storage: tenant-wide lists.</summary>
    public const string Lists = "lists";
}
