using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Incidents.Api.Storage;

namespace Incidents.Api.Audit;

/// <summary>
/// Each tenant's changes, appended to append blobs (<c>audit/{tenant}/{yyyy-MM-dd}-{n}.jsonl</c>, a JSON line each):
/// storage that can be added to but not rewritten, and nothing in the API that deletes or edits it. A change is
/// answered only once its entry is appended, and within seconds: storage that does not answer in time is a 503.
/// </summary>
public sealed class AuditLog(BlobServiceClient blobs, StorageCalls calls, TimeProvider time)
{
    public const string ContainerName = "audit";
    private const int MaxPartsPerDay = 999; // each part holds 50,000 entries, Azure's limit of blocks for an append blob
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private BlobContainerClient? _container;
    private bool _created;

    private BlobContainerClient Container => _container ??= blobs.GetBlobContainerClient(ContainerName);

    /// <summary>Appends the change's entry. The change itself is made already: a 503 from here says so.</summary>
    public Task Append(string tenant, string actor, string action, string target, string? detail, CancellationToken cancellationToken) =>
        calls.Run("The change was made, but its audit entry was not written: check it before repeating it",
            deadline => AppendEntry(tenant, actor, action, target, detail, deadline), cancellationToken);

    /// <summary>The tenant's newest entries, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> Newest(string tenant, int limit, CancellationToken cancellationToken) =>
        calls.Run("The audit log could not be read", deadline => Read(tenant, limit, deadline), cancellationToken);

    private async Task AppendEntry(string tenant, string actor, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(time.GetUtcNow(), tenant, actor, action, target, detail);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        if (!_created)
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        // A day's blob, or its next part once full; other requests and instances append to the same one, which append blobs allow.
        for (var part = 0; ; part++)
        {
            var blob = Container.GetAppendBlobClient($"{tenant}/{entry.At:yyyy-MM-dd}-{part:D3}.jsonl");
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            try
            {
                using var content = new MemoryStream(line);
                await blob.AppendBlockAsync(content, cancellationToken: cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlockCountExceedsLimit && part < MaxPartsPerDay)
            {
                // Full: the next part.
            }
        }
    }

    private async Task<IReadOnlyList<AuditEntry>> Read(string tenant, int limit, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{tenant}/", cancellationToken))
            {
                names.Add(blob.Name);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // nothing audited yet
        }

        var entries = new List<AuditEntry>();
        foreach (var name in names.OrderDescending(StringComparer.Ordinal))
        {
            var content = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var lines = content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = lines.Length - 1; i >= 0 && entries.Count < limit; i--)
            {
                entries.Add(JsonSerializer.Deserialize<AuditEntry>(lines[i], Json)!);
            }

            if (entries.Count >= limit)
            {
                break;
            }
        }

        return entries;
    }
}
