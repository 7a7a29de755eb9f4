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
        var random = new Random(Seed);
        var seeds = SuricataSamples.Items.Select(item => item.ToArray())
            .Concat(NativeSamples.Varied().Select(Encoding.UTF8.GetBytes))
            .Concat(OcsfEcsZeekSeeds.All())
            .ToList();
        Assert.Equal(181 + OcsfEcsZeekSeeds.Count, seeds.Count);

        int accepted = 0;
        for (int i = 0; i < TotalMutations; i++)
        {
            byte[] original = seeds[i % seeds.Count];
            byte[] mutated = Mutate(original, random);
            NormalizeResult result;
            try
            {
                result = Normalizing.Default.Normalize(mutated);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Normalize threw {ex} for mutation {i}: {Encoding.UTF8.GetString(mutated)}");
                throw;
            }

            Assert.True(
                (result.Alert is null) != (result.Error is null),
                $"mutation {i} gave alert={result.Alert is not null}, error={result.Error}");
            if (result.Error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                Assert.DoesNotContain("could not be read", result.Error, StringComparison.Ordinal); // the last-resort catch
            }
            else
            {
                accepted++;
            }
        }

        // Some mutations (a flipped byte in a title, a replaced unknown field) leave a valid alert: both paths ran.
        Assert.InRange(accepted, 1, TotalMutations - 1);
    }

    private static byte[] Mutate(byte[] item, Random random)
    {
        var bytes = new List<byte>(item);
        switch (random.Next(6))
        {
            case 0:
                bytes.RemoveAt(random.Next(bytes.Count));
                break;
            case 1:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                break;
            case 2:
                int at = random.Next(bytes.Count);
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 3:
                int keep = random.Next(bytes.Count);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 4:
                int a = random.Next(bytes.Count);
                int b = random.Next(bytes.Count);
                (bytes[a], bytes[b]) = (bytes[b], bytes[a]);
                break;
            default:
                return ReplaceValue(item, random);
        }

        return [.. bytes];
    }

    // Replaces one property value anywhere in the item with a value of another type or an edge value.
    private static byte[] ReplaceValue(byte[] item, Random random)
    {
        var root = JsonNode.Parse(item)!.AsObject();
        var owners = new List<JsonObject>();
        Collect(root, owners);
        var owner = owners[random.Next(owners.Count)];
        string name = owner.Select(p => p.Key).ElementAt(random.Next(owner.Count));
        owner[name] = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void Collect(JsonNode? node, List<JsonObject> owners)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.Count > 0)
                {
                    owners.Add(obj);
                }

                foreach (var property in obj)
                {
                    Collect(property.Value, owners);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Collect(element, owners);
                }

                break;
        }
    }
}
