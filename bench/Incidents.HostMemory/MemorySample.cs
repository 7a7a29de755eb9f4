using System.Diagnostics;
using System.Runtime;

namespace Incidents.HostMemory;

/// <summary>
/// The process's memory after a full, blocking, compacting collection (the large object heap compacted too):
/// what is live, not what the collector has yet to reclaim.
/// </summary>
/// <param name="Live">Bytes of live objects (<see cref="GC.GetTotalMemory"/>).</param>
/// <param name="Heap">The GC heap after that collection, fragmentation included (<see cref="GCMemoryInfo.HeapSizeBytes"/>).</param>
/// <param name="Committed">Memory the GC has committed for the heap.</param>
/// <param name="WorkingSet">Resident memory of the whole process.</param>
/// <param name="Private">Private memory of the process, as <see cref="Process.PrivateMemorySize64"/> reports it.</param>
/// <param name="ResidentAnonymous">Linux's RssAnon: resident memory not backed by files (heaps, stacks), or 0 elsewhere.</param>
internal readonly record struct MemorySample(long Live, long Heap, long Committed, long WorkingSet, long Private, long ResidentAnonymous)
{
    public static MemorySample AfterFullCompaction()
    {
        GC.GetTotalMemory(forceFullCollection: true);
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return new(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.TotalCommittedBytes,
            process.WorkingSet64, process.PrivateMemorySize64, ResidentAnonymousBytes());
    }

    public static MemorySample operator -(MemorySample after, MemorySample before) => new(
        after.Live - before.Live, after.Heap - before.Heap, after.Committed - before.Committed,
        after.WorkingSet - before.WorkingSet, after.Private - before.Private, after.ResidentAnonymous - before.ResidentAnonymous);

    private static long ResidentAnonymousBytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("RssAnon:".Length).Trim().TrimEnd("kB").Trim(), out var kb))
            {
                return kb * 1024;
            }
        }

        return 0;
    }
}
