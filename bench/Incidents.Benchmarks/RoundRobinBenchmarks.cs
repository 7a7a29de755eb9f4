using BenchmarkDotNet.Attributes;

namespace Incidents.Benchmarks;

/// <summary>
/// What the per-format benchmarks share: an input set walked round-robin, <see cref="Inputs.ItemsPerInvoke"/> items per
/// invocation (BenchmarkDotNet needs a constant), and the floor of reading every token of the same items.
/// </summary>
public abstract class RoundRobinBenchmarks
{
    private ReadOnlyMemory<byte>[] _items = [];
    private int _next;

    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs.ItemsPerInvoke, Description = "Read tokens (floor)")]
    public int ReadTokens() => Round(static item => TokenReader.ReadAll(item));

    /// <summary>Takes the set and says how much of it <paramref name="accepts"/> takes, so a row never times refusals unseen.</summary>
    protected void Load(string label, IReadOnlyList<ReadOnlyMemory<byte>> set, Func<ReadOnlySpan<byte>, int> accepts)
    {
        var accepted = set.Sum(item => accepts(item.Span));
        Console.WriteLine($"// {label}: {set.Count} items, {set.Sum(item => item.Length) / set.Count} bytes on average, " +
            $"{accepted} accepted; {Inputs.ItemsPerInvoke} per invocation, round-robin");
        _items = [.. set];
        _next = 0;
    }

    /// <summary>Runs <paramref name="each"/> over the next <see cref="Inputs.ItemsPerInvoke"/> items, continuing where the last round stopped.</summary>
    protected int Round(Func<ReadOnlySpan<byte>, int> each)
    {
        var items = _items;
        int next = _next;
        int total = 0;
        for (int i = 0; i < Inputs.ItemsPerInvoke; i++)
        {
            total += each(items[next].Span);
            next = next + 1 == items.Length ? 0 : next + 1;
        }

        _next = next;
        return total;
    }
}
