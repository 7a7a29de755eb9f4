namespace Incidents.Azurite;

/// <summary>How <see cref="AzuriteProcess"/> starts Azurite. The defaults suit tests: free ports, a throw-away folder.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Blob service port on 127.0.0.1; 0 picks a free one.</summary>
    public int BlobPort { get; init; }

    /// <summary>Queue service port on 127.0.0.1; 0 picks a free one.</summary>
    public int QueuePort { get; init; }

    /// <summary>Table service port on 127.0.0.1; 0 picks a free one.</summary>
    public int TablePort { get; init; }

    /// <summary>
    /// Where Azurite keeps its data. Null makes a fresh temp folder that dispose deletes;
    /// a given folder is created if needed and kept, so data outlives Azurite.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>How long Azurite may take to answer on all its ports.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
