using Azure.Storage.Blobs;
using Incidents.Testing;

namespace Incidents.Azurite.Tests;

/// <summary>
/// Azurite writes blob bodies through 50 slots. A write whose client gives up while it waits for one (a timeout, a
/// killed silo) must not keep its slot when it gets it: in Azurite 3.37.0 it did, and once 50 had, no blob write was
/// ever answered again while reads went on (tools/Incidents.Azurite/azurite-fixes.cjs mends it).
/// </summary>
public sealed class WriteSlotTests
{
    private const int Slots = 50; // Azurite's DEFAULT_WRITE_CONCURRENCY_PER_LOCATION

    [Fact]
    public async Task Writes_are_answered_after_more_clients_than_slots_gave_up_waiting_for_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteProcess.StartAsync(ct);
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("slots");
        await container.CreateIfNotExistsAsync(cancellationToken: ct);

        // Uploads that send half their body and wait: every slot busy.
        var release = new TaskCompletionSource();
        var bodies = Enumerable.Range(0, Slots).Select(_ => new HeldBodyStream(64 * 1024, release.Task)).ToList();
        var held = bodies.Select((body, i) => container.GetBlobClient($"held-{i}").UploadAsync(body, ct)).ToList();
        await Task.WhenAll(bodies.Select(b => b.Holding)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        // Full once a small write waits: it is the first client to give up (after half a second) while queued.
        var full = await Storage.EventuallyAsync(async () => !await AnsweredWithin(container, "probe", TimeSpan.FromMilliseconds(500), ct),
            TimeSpan.FromSeconds(30), ct);
        Assert.True(full, "Azurite's write slots did not fill");

        // More small writes queued behind the held ones, whose clients give up after a second, as a client's timeout does.
        var abandoned = await Task.WhenAll(Enumerable.Range(0, Slots).Select(i => AnsweredWithin(container, $"abandoned-{i}", TimeSpan.FromSeconds(1), ct)));
        Assert.DoesNotContain(true, abandoned);

        release.SetResult();
        await Task.WhenAll(held);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        var read = await container.GetBlobClient("held-0").DownloadContentAsync(deadline.Token);
        Assert.Equal(64 * 1024, read.Value.Content.ToMemory().Length);
        var written = await container.GetBlobClient("after").UploadAsync(BinaryData.FromString("still taking writes"), deadline.Token);
        Assert.NotEqual(default, written.Value.ETag);
    }

    /// <summary>Writes a small blob with a client that gives up after <paramref name="patience"/>; whether it was answered.</summary>
    private static async Task<bool> AnsweredWithin(BlobContainerClient container, string name, TimeSpan patience, CancellationToken ct)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        giveUp.CancelAfter(patience);
        try
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(new byte[1024]), overwrite: true, giveUp.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
