using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Incidents.Grains.Escalation;

/// <summary>
/// How a delivery is signed: <c>X-Incidents-Signature: v1=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c>,
/// the timestamp (unix seconds) in <c>X-Incidents-Timestamp</c>. <see cref="Verify"/> is what a receiver does; it is
/// written to be copied.
/// </summary>
public static class WebhookSignature
{
    public const string EventIdHeader = "X-Incidents-Event-Id";
    public const string TimestampHeader = "X-Incidents-Timestamp";
    public const string SignatureHeader = "X-Incidents-Signature";

    /// <summary>The <c>X-Incidents-Signature</c> value of a body sent at <paramref name="timestamp"/> (unix seconds).</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}"))));

    /// <summary>
    /// A receiver's check: the signature is the body's under the shared secret, and the timestamp within
    /// <paramref name="tolerance"/> of <paramref name="now"/> (a replayed old request is refused). Compares in constant time.
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds
            || signatureHeader is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }
}
