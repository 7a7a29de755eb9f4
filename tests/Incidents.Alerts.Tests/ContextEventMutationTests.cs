using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// Property: whatever is done to a valid context event of any format, Normalize returns exactly one of event and
/// error, and never throws. Byte-level mutations find reader and parser edge cases; value replacements find
/// type-handling gaps, with values each format gives meaning to (-, localhost, 4624, conn, 3002…).
/// </summary>
public sealed class ContextEventMutationTests
{
    private const int Seed = 20261128;
    private const int TotalMutations = 10_000;
    private const int LinesPerFile = 12;

    private static readonly JsonNode?[] Replacements =
    [
        null, 0, -1, 4624, 4688, 3002, 2004, 65536, 1.5, 1588205199.82437, 1e300, long.MaxValue,
        JsonNode.Parse("123456789012345678901234567890"), JsonNode.Parse("-0"),
        "", "-", "x", "4624", "3", "::1", "127.0.0.1", "localhost", "10.0.0.1", "8.8.8.8", "fe80::1", "010.0.0.1",
        "2020-10-22 04:29:47", "2020-10-22T08:29:53.907Z", "conn", "notice", "dce_rpc", "kerberos", "ntlm", "dns",
        "a.b.c", ".", "\\\\", "/", "user:password", "NULL", new string('z', 9000),
        true, false, new JsonObject(), new JsonArray(), new JsonObject { ["orig_h"] = "10.0.0.1" },
        new JsonObject { ["name"] = "x" }, new JsonArray("a", 1),
    ];

    [Fact]
    public void Normalize_never_throws_and_returns_exactly_one_outcome()
    {
        var seeds = ContextEventSamples.Items(LinesPerFile);
        Assert.Equal(120, seeds.Count); // 8 files give 12 lines, 5 fewer (5, 6, 1, 6, 4), and 2 hand-written

        int accepted = Mutations.AssertOneOutcomeEach(
            Seed,
            TotalMutations,
            seeds,
            Replacements,
            "event",
            (i, mutated) =>
            {
                var format = (ContextEventFormat)(i % 7 < 4 ? 0 : i % 7 - 3); // mostly Auto, and each explicit format
                var result = ContextNormalizing.Default.Normalize(mutated, format);
                return (result.Event, result.Error);
            },
            e =>
            {
                // A cloud sign-in names no host: then its account is what it is kept on.
                Assert.True(e.Hosts.Count > 0 || e.User is { Length: > 0 }, "an event with neither hosts nor an account");
                Assert.Equal(32, e.Id.Length);
                Assert.Equal(32, e.Fingerprint.Length);
            });

        // Some mutations (a flipped byte in an unread field, a replaced unknown field) leave a valid event: both paths ran.
        Assert.InRange(accepted, 1, TotalMutations - 1);
    }
}
