namespace Incidents.Grains.Triage;

/// <summary>
/// The hours, by event time, in which one rule fired on one host over the last <see cref="Window"/> hours: a bit per
/// hour, so that a host's baseline for a rule is 32 bytes however often it fires.
/// </summary>
[GenerateSerializer, Alias("Incidents.RuleHours")]
public sealed class RuleHours
{
    public const int Window = 192; // eight days: the seven before an alert's day, and that day

    [Id(0)] public string Rule { get; set; } = "";

    /// <summary>The newest hour it fired in; bit <c>i</c> is the hour <c>Newest - i</c>.</summary>
    [Id(1)] public long Newest { get; set; }

    [Id(2)] public ulong Bits0 { get; set; }
    [Id(3)] public ulong Bits1 { get; set; }
    [Id(4)] public ulong Bits2 { get; set; }

    public bool Has(long hour)
    {
        var offset = Newest - hour;
        return offset is >= 0 and < Window && (Word((int)offset / 64) & (1UL << (int)(offset % 64))) != 0;
    }

    /// <summary>In how many of the <paramref name="count"/> hours from <paramref name="first"/> it fired.</summary>
    public int Count(long first, int count)
    {
        // Offsets from Newest: the window is [Newest - last, Newest - first], clipped to what is kept.
        var from = Math.Max(Newest - (first + count - 1), 0);
        var to = Math.Min(Newest - first, Window - 1);
        var n = 0;
        for (var word = (int)(from / 64); from <= to && word <= to / 64; word++)
        {
            var low = (int)Math.Max(from - (word * 64), 0);
            var high = (int)Math.Min(to - (word * 64), 63);
            var mask = (high == 63 ? ulong.MaxValue : (1UL << (high + 1)) - 1) & ~((1UL << low) - 1);
            n += System.Numerics.BitOperations.PopCount(Word(word) & mask);
        }

        return n;
    }

    public void Add(long hour)
    {
        if (Bits0 == 0 && Bits1 == 0 && Bits2 == 0)
        {
            Newest = hour;
        }
        else if (hour > Newest)
        {
            Shift(hour - Newest);
            Newest = hour;
        }

        var offset = Newest - hour;
        if (offset < Window)
        {
            SetWord((int)offset / 64, Word((int)offset / 64) | (1UL << (int)(offset % 64)));
        }
    }

    /// <summary>Older hours move to higher bits, as if the three words were one 192-bit number shifted left.</summary>
    private void Shift(long by)
    {
        if (by >= Window)
        {
            (Bits0, Bits1, Bits2) = (0, 0, 0);
            return;
        }

        var left = (int)by;
        for (; left >= 64; left -= 64)
        {
            (Bits2, Bits1, Bits0) = (Bits1, Bits0, 0);
        }

        if (left > 0)
        {
            Bits2 = (Bits2 << left) | (Bits1 >> (64 - left));
            Bits1 = (Bits1 << left) | (Bits0 >> (64 - left));
            Bits0 <<= left;
        }
    }

    private ulong Word(int index) => index switch { 0 => Bits0, 1 => Bits1, _ => Bits2 };

    private void SetWord(int index, ulong value)
    {
        switch (index)
        {
            case 0: Bits0 = value; break;
            case 1: Bits1 = value; break;
            default: Bits2 = value; break;
        }
    }
}
