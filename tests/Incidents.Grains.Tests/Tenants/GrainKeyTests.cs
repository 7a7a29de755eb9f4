using Incidents.Contracts.Tenants;

namespace Incidents.Grains.Tests.Tenants;

/// <summary>
/// The one function that turns request text into grain keys: no name reaches another tenant's key or a path outside
/// its own, every name has one key and back, and tenant ids are checked exactly.
/// </summary>
public sealed class GrainKeyTests
{
    public static TheoryData<string> HostileNames() =>
    [
        "../default/victim", "..\\default\\victim", "../../default/victim", "/../default/victim", "..", ".", "...",
        "..%2fdefault%2fvictim", "%2e%2e%2fdefault%2fvictim", "..%5cdefault%5cvictim", "．．／default／victim",
        "..\u2215default\u2215victim", "victim/..", "a\u202Eb", "~2F", "~", "victim.", ".victim",
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void A_hostile_name_stays_in_its_tenant_and_holds_no_path(string name)
    {
        var key = TenantScoped.Key("acme", name);
        var entity = key["acme/".Length..];

        Assert.StartsWith("acme/", key, StringComparison.Ordinal);
        Assert.DoesNotContain('/', entity);
        Assert.DoesNotContain('\\', entity);
        Assert.DoesNotContain('%', entity);
        Assert.False(entity.StartsWith('.') || entity.EndsWith('.'), entity);
        Assert.All(entity, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~', $"'{c}' in {entity}"));
        Assert.Equal(("acme", name), TenantScoped.Split(key));
    }

    [Theory]
    [InlineData("ws-017")]
    [InlineData("10.0.0.9")]
    [InlineData("fs01.corp.local")]
    [InlineData("ws..01")]
    [InlineData("a_b")]
    public void Plain_names_keep_the_keys_they_had(string name) => Assert.Equal($"default/{name}", TenantScoped.Key("default", name));

    [Theory]
    [InlineData("corp\\alice", "corp~5Calice")]
    [InlineData("fe80::1", "fe80~3A~3A1")]
    [InlineData("", "~")]
    [InlineData("é", "~C3~A9")]
    public void Other_names_are_escaped_byte_by_byte(string name, string entity)
    {
        Assert.Equal(entity, EntityKeys.Encode(name));
        Assert.True(EntityKeys.TryDecode(entity, out var back));
        Assert.Equal(name, back);
    }

    [Fact]
    public void Every_name_has_its_own_key_and_back()
    {
        var random = new Random(12);
        const string alphabet = "aZ09-_.~/\\%:@ \u00e9\u4e2d\uff0e\uff0f";
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 20_000; i++)
        {
            var name = new string([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var key = EntityKeys.Encode(name);
            Assert.True(EntityKeys.TryDecode(key, out var back) && back == name, $"{name} -> {key} -> {back}");
            if (keys.TryGetValue(key, out var other))
            {
                Assert.Equal(other, name);
            }

            keys[key] = name;
        }
    }

    [Theory]
    [InlineData("~2f")] // lower-case hex: not how any name encodes
    [InlineData("~41")] // an escaped plain character
    [InlineData("~")]
    [InlineData("a/b")]
    [InlineData(".a")]
    [InlineData("~F")]
    [InlineData("~C3")] // half a character
    public void A_key_no_name_encodes_to_is_refused_or_the_empty_name(string key)
    {
        var decoded = EntityKeys.TryDecode(key, out var name);
        Assert.True(!decoded || (key == "~" && name.Length == 0), $"{key} decoded as '{name}'");
    }

    [Fact]
    public void Names_longer_than_255_bytes_not_well_formed_or_with_control_characters_have_no_key()
    {
        Assert.True(EntityKeys.IsValidName(new string('a', 255)));
        Assert.False(EntityKeys.IsValidName(new string('a', 256)));
        Assert.False(EntityKeys.IsValidName(new string('é', 128))); // 256 bytes
        Assert.False(EntityKeys.IsValidName("a\ud800b"));
        Assert.False(EntityKeys.IsValidName("ws\u0000x"));
        Assert.False(EntityKeys.IsValidName("ws\r\nx"));
        Assert.False(EntityKeys.IsValidName("ws\u007f"));
        Assert.Throws<ArgumentException>(() => TenantScoped.Key("default", new string('a', 256)));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("t1")]
    [InlineData("acme-corp")]
    [InlineData("0123456789012345678901234567890123456789")]
    public void Tenant_ids_that_are_valid(string id) => Assert.True(TenantIds.IsValid(id));

    [Theory]
    [InlineData("default\n")]
    [InlineData("default\r")]
    [InlineData("default ")]
    [InlineData("Default")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("-a")]
    [InlineData("a")]
    [InlineData("")]
    [InlineData("01234567890123456789012345678901234567890")]
    [InlineData("defaul\u0074\u0000")]
    [InlineData("dеfault")] // Cyrillic е
    public void Tenant_ids_are_checked_exactly(string id)
    {
        Assert.False(TenantIds.IsValid(id));
        Assert.Throws<ArgumentException>(() => TenantScoped.Key(id, "host"));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("../x/y")]
    [InlineData("default\n/x")]
    public void A_key_made_elsewhere_does_not_split(string key) => Assert.Throws<FormatException>(() => TenantScoped.Split(key));
}
