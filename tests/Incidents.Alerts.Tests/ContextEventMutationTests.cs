using System.Text;
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
        var random = new Random(Seed);
        var seeds = ContextEventSamples.Items(LinesPerFile);
        Assert.Equal(120, seeds.Count); // 8 files give 12 lines, 5 fewer (5, 6, 1, 6, 4), and 2 hand-written

        int accepted = 0;
        for (int i = 0; i < TotalMutations; i++)
        {
            byte[] original = seeds[i % seeds.Count];
            byte[] mutated = Mutate(original, random);
            var format = (ContextEventFormat)(i % 7 < 4 ? 0 : i % 7 - 3); // mostly Auto, and each explicit format
            ContextEventResult result;
            try
            {
                result = ContextNormalizing.Default.Normalize(mutated, format);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Normalize threw {ex} for mutation {i}: {Encoding.UTF8.GetString(mutated)}");
                throw;
            }

            Assert.True(
                (result.Event is null) != (result.Error is null),
                $"mutation {i} gave event={result.Event is not null}, error={result.Error}");
            if (result.Error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                Assert.DoesNotContain("could not be read", result.Error, StringComparison.Ordinal); // the last-resort catch
            }
            else
            {
                accepted++;
                var e = result.Event!;
                Assert.NotEmpty(e.Hosts);
                Assert.Equal(32, e.Id.Length);
                Assert.Equal(32, e.Fingerprint.Length);
            }
        }

        // Some mutations (a flipped byte in an unread field, a replaced unknown field) leave a valid event: both paths ran.
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
