namespace Incidents.Grains.Escalation;

/// <summary>
/// When a failed delivery is tried again: <c>first · 2^(attempts-1)</c> (1 s, 2 s, 4 s …), capped, then spread by
/// ±20 % jitter so that the deliveries a receiver's outage failed together do not all come back at once.
/// </summary>
public static class DeliveryBackoff
{
    /// <param name="attempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="jitter">A number in [0, 1): 0.5 is no jitter.</param>
    public static TimeSpan Delay(int attempts, TimeSpan first, TimeSpan cap, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = Math.Min(cap.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(Math.Min(cap.TotalMilliseconds, delay * (0.8 + (0.4 * jitter))));
    }
}
