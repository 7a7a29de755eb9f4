using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>
/// The machinery of the mutation property tests (<see cref="MutationTests"/>, <see cref="ContextEventMutationTests"/>):
/// seeded byte-level mutations find reader and parser edge cases; replacing one property value anywhere in the item
/// with another type or an edge value finds type-handling gaps.
/// </summary>
internal static class Mutations
{
    /// <summary>
    /// Normalises <paramref name="count"/> mutations of the items, taken in turn, and asserts of each that it does
    /// not throw and gives exactly one of a value and an error, the error neither blank nor the last-resort one.
    /// </summary>
    /// <param name="what">What a value is called in a failure message: <c>alert</c>, <c>event</c>.</param>
    /// <param name="normalize">Normalises the mutated item of the given mutation number.</param>
    /// <param name="checkAccepted">Further assertions on each value.</param>
    /// <returns>How many mutations were accepted.</returns>
    public static int AssertOneOutcomeEach<T>(
        int seed,
        int count,
        IReadOnlyList<byte[]> items,
        JsonNode?[] replacements,
        string what,
        Func<int, byte[], (T? Value, string? Error)> normalize,
        Action<T>? checkAccepted = null)
        where T : class
    {
        var random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < count; i++)
        {
            byte[] original = items[i % items.Count];
            byte[] mutated = Mutate(original, random, replacements);
            (T? Value, string? Error) result;
            try
            {
                result = normalize(i, mutated);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Normalize threw {ex} for mutation {i}: {Encoding.UTF8.GetString(mutated)}");
                throw;
            }

            Assert.True(
                (result.Value is null) != (result.Error is null),
                $"mutation {i} gave {what}={result.Value is not null}, error={result.Error}");
            if (result.Error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                Assert.DoesNotContain("could not be read", result.Error, StringComparison.Ordinal); // the last-resort catch
            }
            else
            {
                accepted++;
                checkAccepted?.Invoke(result.Value!);
            }
        }

        return accepted;
    }

    private static byte[] Mutate(byte[] item, Random random, JsonNode?[] replacements)
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
                return ReplaceValue(item, random, replacements);
        }

        return [.. bytes];
    }

    // Replaces one property value anywhere in the item with a value of another type or an edge value.
    private static byte[] ReplaceValue(byte[] item, Random random, JsonNode?[] replacements)
    {
        var root = JsonNode.Parse(item)!.AsObject();
        var owners = new List<JsonObject>();
        Collect(root, owners);
        var owner = owners[random.Next(owners.Count)];
        string name = owner.Select(p => p.Key).ElementAt(random.Next(owner.Count));
        owner[name] = replacements[random.Next(replacements.Length)]?.DeepClone();
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
