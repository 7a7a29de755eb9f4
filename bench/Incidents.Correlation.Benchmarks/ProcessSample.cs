using System.Diagnostics;

namespace Incidents.Correlation.Benchmarks;

/// <summary>Where the process's time went over a stretch: CPU across all cores, and the garbage collector's share.</summary>
internal readonly record struct ProcessSample(TimeSpan Cpu, TimeSpan GcPause, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public static ProcessSample Take()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    public static ProcessSample operator -(ProcessSample after, ProcessSample before) => new(
        after.Cpu - before.Cpu, after.GcPause - before.GcPause, after.Allocated - before.Allocated,
        after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);
}
