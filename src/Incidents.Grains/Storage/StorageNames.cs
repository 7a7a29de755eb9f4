namespace Incidents.Grains.Storage;

public static class StorageNames
{
    /// <summary>Azure Table storage: host, user and incident state, each well under an entity's 1 MB.</summary>
    public const string Incidents = "incidents";

    /// <summary>Azure Blob storage: tenant-wide lists, which outgrow a table entity.</summary>
    public const string Lists = "lists";
}
