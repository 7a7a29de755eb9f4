using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Incidents.Benchmarks;

/// <summary>
/// CPU time consumed by the calling thread, in nanoseconds. On a shared machine, wall-clock time counts the time the
/// thread spent waiting for a core; this does not, so it estimates what an item costs on a core of its own. Linux:
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>; elsewhere the whole process's CPU time, a fair stand-in when one
/// thread does the work.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static long NowNanoseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.Ticks * 100;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
