using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// Property: whatever is done to a valid item, Normalize returns exactly one of alert and error, and never throws.
/// Byte-level mutations find reader and parser edge cases; value replacements find type-handling gaps.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20261127;
    private const int TotalMutations = 20_000;

    private static readonly JsonNode?[] Replacements =
    [
        null, 0, -1, 65536, 1.5, long.MaxValue, JsonNode.Parse("1e308"), JsonNode.Parse("123456789012345678901234567890"),
        "", "x", "10.0.0.1", "2017-03-25T16:49:58Z", "alert", "T1003", new string('z', 9000),
        true, false, new JsonObject(), new JsonArray(), new JsonObject { ["ip"] = "10.0.0.1" }, new JsonArray("a", 1),
    ];

    [Fact]
    public void Normalize_never_throws_and_returns_exactly_one_outcome()
    {
        var seeds = SuricataSamples.Items.Select(item => item.ToArray())
            .Concat(NativeSamples.Varied().Select(Encoding.UTF8.GetBytes))
            .Concat(OcsfEcsZeekSeeds.All())
            .ToList();
        Assert.Equal(181 + OcsfEcsZeekSeeds.Count, seeds.Count);

        int accepted = Mutations.AssertOneOutcomeEach(Seed, TotalMutations, seeds, Replacements, "alert", (_, mutated) =>
        {
            var result = Normalizing.Default.Normalize(mutated);
            return (result.Alert, result.Error);
        });

        // Some mutations (a flipped byte in a title, a replaced unknown field) leave a valid alert: both paths ran.
        Assert.InRange(accepted, 1, TotalMutations - 1);
    }
}
