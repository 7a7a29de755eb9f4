using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Incidents.Api.Storage;
using Incidents.Contracts.Ingest;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Incidents.Api.Journal;

/// <summary>
/// The promise behind a 202: every accepted batch is written to blob storage (one block blob, Orleans binary) before
/// it goes to the grains, and stays there until the grains have surely written their state. Grains write behind;
/// what a crash loses of their state is replayed from here, and replay is idempotent.
/// </summary>
/// <remarks>
/// One blob per batch, not a table row per alert: Azurite takes about 1,000 table writes a second but hundreds of
/// 400 KB blob uploads, and a batch of a thousand alerts costs one upload and one delete. This instance's entries are
/// named under its own prefix; it remembers their names, not their contents.
/// </remarks>
public sealed class IngestJournal(
    BlobServiceClient blobs,
    StorageCalls calls,
    Serializer serializer,
    TimeProvider time,
    IOptions<JournalOptions> options)
{
    private readonly JournalOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _undelivered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Name, DateTimeOffset DeliveredAt)> _delivered = new();
    private BlobContainerClient? _container;
    private long _sequence;

    /// <summary>This process's prefix: a new one each start, so that a restarted API finds its old entries orphaned.</summary>
    public string Instance { get; } = Guid.CreateVersion7().ToString("N");

    public BlobContainerClient Container => _container ??= blobs.GetBlobContainerClient(_options.Container);

    /// <summary>
    /// Writes the batch; returns its entry's name. Throws <see cref="JournalUnavailableException"/> when storage does not
    /// take it within <see cref="StorageCalls.Timeout"/>: the client is answered 503 in seconds, whatever storage does.
    /// </summary>
    public async Task<string> Write(IngestBatch batch, CancellationToken cancellationToken)
    {
        var name = $"{Instance}/{time.GetUtcNow():yyyyMMddHHmmssfff}-{Interlocked.Increment(ref _sequence):x8}";
        var payload = BinaryData.FromBytes(serializer.SerializeToArray(batch));
        try
        {
            await calls.Run(JournalUnavailableException.Detail, async deadline =>
            {
                try
                {
                    await Container.UploadBlobAsync(name, payload, deadline);
                }
                catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
                {
                    await Container.CreateIfNotExistsAsync(cancellationToken: deadline);
                    await Container.UploadBlobAsync(name, payload, deadline);
                }
            }, cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            throw new JournalUnavailableException(e.InnerException ?? e);
        }

        _undelivered[name] = time.GetUtcNow();
        return name;
    }

    /// <summary>The grains have the batch; its entry stays for <see cref="JournalOptions.Retention"/> in case a silo dies.</summary>
    public void Delivered(string name)
    {
        _undelivered.TryRemove(name, out _);
        _delivered.Enqueue((name, time.GetUtcNow()));
    }

    /// <summary>Entries written but not delivered for at least <paramref name="age"/>.</summary>
    public IReadOnlyList<string> Undelivered(TimeSpan age)
    {
        var before = time.GetUtcNow() - age;
        return [.. _undelivered.Where(e => e.Value <= before).Select(e => e.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>Delivered entries still kept, oldest first: what a lost silo may not have stored.</summary>
    public IReadOnlyList<string> Retained() => [.. _delivered.Select(e => e.Name)];

    /// <summary>Takes the delivered entries past their retention off the queue, for deletion.</summary>
    public List<string> TakeSettled()
    {
        var settled = new List<string>();
        var before = time.GetUtcNow() - _options.Retention;
        while (_delivered.TryPeek(out var entry) && entry.DeliveredAt <= before && _delivered.TryDequeue(out entry))
        {
            settled.Add(entry.Name);
        }

        return settled;
    }

    public async Task<IngestBatch?> Read(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return serializer.Deserialize<IngestBatch>(content.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task Delete(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
        }
        finally
        {
            _undelivered.TryRemove(name, out _);
        }
    }
}

/// <summary>Storage did not take the batch: nothing was accepted, and the client should retry.</summary>
public sealed class JournalUnavailableException(Exception inner) : StorageUnavailableException(Detail, inner)
{
    public const string Detail = "Nothing in this request was accepted";
}
