using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incidents.Api.Storage;

/// <summary>
/// Whether blob storage takes writes now, as this instance last saw it: the calls made on requests tell it, and when
/// none told it lately, <see cref="StorageHealthCheck"/> writes a small blob to find out. A write, not a read: storage
/// has stopped taking writes while it went on answering reads.
/// </summary>
public sealed class StorageHealth(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _answered = DateTimeOffset.MinValue;
    private DateTimeOffset _failed = DateTimeOffset.MinValue;
    private string _reason = "";

    public void Answered()
    {
        lock (_lock)
        {
            _answered = time.GetUtcNow();
        }
    }

    public void Failed(string reason)
    {
        lock (_lock)
        {
            _failed = time.GetUtcNow();
            _reason = reason;
        }
    }

    /// <summary>The last outcome, if it is younger than <paramref name="age"/>: answered, or failed and why.</summary>
    public (bool Answered, string Reason, TimeSpan Age)? Last(TimeSpan age)
    {
        lock (_lock)
        {
            var last = _answered >= _failed ? _answered : _failed;
            var since = time.GetUtcNow() - last;
            return since <= age ? (_answered >= _failed, _reason, since) : null;
        }
    }
}

/// <summary>
/// Unhealthy while blob storage does not take writes. A write answered in the last few seconds is enough; else one
/// probe write (container <c>health</c>), shared by the checks that come while it runs, bounded like every storage call
/// on a request. One per process (a singleton), so that the probe is shared.
/// </summary>
public sealed class StorageHealthCheck(BlobServiceClient blobs, StorageCalls calls, StorageHealth health) : IHealthCheck
{
    public const string Container = "health";
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private Task? _probe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.Last(Fresh) is not { Answered: true })
        {
            try
            {
                await SharedProbe().WaitAsync(cancellationToken);
            }
            catch (StorageUnavailableException)
            {
                // Told to StorageHealth: read below.
            }
        }

        return health.Last(Fresh + calls.Timeout) is { } last
            ? last.Answered
                ? HealthCheckResult.Healthy("Blob storage takes writes.")
                : HealthCheckResult.Unhealthy($"Blob storage does not take writes: {last.Reason}.")
            : HealthCheckResult.Unhealthy("Blob storage has not answered lately.");
    }

    private Task SharedProbe()
    {
        lock (_gate)
        {
            return _probe is { IsCompleted: false } running ? running : _probe = Probe();
        }
    }

    private Task Probe() => calls.Run("the health probe's write", async token =>
    {
        var container = blobs.GetBlobContainerClient(Container);
        var mark = BinaryData.FromString(DateTimeOffset.UtcNow.ToString("O"));
        try
        {
            await container.GetBlobClient("api").UploadAsync(mark, overwrite: true, token);
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            await container.CreateIfNotExistsAsync(cancellationToken: token);
            await container.GetBlobClient("api").UploadAsync(mark, overwrite: true, token);
        }
    }, CancellationToken.None);
}
