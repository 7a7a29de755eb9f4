using System.Security.Cryptography;
using System.Text;
using Incidents.Contracts.Escalation;
using Incidents.Grains.Escalation;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>Webhook secrets sealed for storage: they open only under a held key, unaltered, in their own record.</summary>
public sealed class WebhookSecretBoxTests
{
    private const string Secret = "whsec-box-0123456789abcdef";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(WebhookSecretBox.KeySize);
    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(WebhookSecretBox.KeySize);
    private readonly WebhookSecretBox _box = new(Key);

    [Fact]
    public void A_sealed_secret_opens_to_itself_and_holds_none_of_it_in_plain_text()
    {
        var sealedSecret = _box.Seal(Secret, "default", "pager");

        Assert.Equal(Secret, _box.Open(sealedSecret, "default", "pager"));
        Assert.Equal(WebhookSecretBox.NonceSize, sealedSecret.Nonce.Length);
        Assert.Equal(Encoding.UTF8.GetByteCount(Secret) + WebhookSecretBox.TagSize, sealedSecret.Ciphertext.Length);
        Assert.Equal(-1, sealedSecret.Ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
        Assert.DoesNotContain(Secret, sealedSecret.ToString(), StringComparison.Ordinal);
        Assert.Equal(_box.CurrentKeyId, sealedSecret.KeyId);
    }

    [Fact]
    public void Each_sealing_takes_a_new_nonce()
    {
        var first = _box.Seal(Secret, "default", "pager");
        var second = _box.Seal(Secret, "default", "pager");

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Theory]
    [InlineData("ciphertext", 0)]
    [InlineData("tag", 0)]
    [InlineData("nonce", 5)]
    public void An_altered_byte_is_detected(string part, int index)
    {
        var sealedSecret = _box.Seal(Secret, "default", "pager");
        var nonce = sealedSecret.Nonce.ToArray();
        var ciphertext = sealedSecret.Ciphertext.ToArray();
        var bytes = part == "nonce" ? nonce : ciphertext;
        bytes[part == "tag" ? ciphertext.Length - 1 - index : index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => _box.Open(sealedSecret with { Nonce = nonce, Ciphertext = ciphertext }, "default", "pager"));
    }

    [Theory]
    [InlineData("acme", "pager")] // moved to another tenant's record
    [InlineData("default", "other-pager")] // moved to another webhook's
    [InlineData("defaul", "tpager")] // the same letters, split elsewhere
    public void A_secret_sealed_for_one_record_does_not_open_in_another(string tenant, string webhookId)
    {
        var sealedSecret = _box.Seal(Secret, "default", "pager");

        Assert.ThrowsAny<CryptographicException>(() => _box.Open(sealedSecret, tenant, webhookId));
    }

    [Fact]
    public void Another_key_does_not_open_it_even_under_the_same_key_id()
    {
        var sealedSecret = _box.Seal(Secret, "default", "pager");
        var other = new WebhookSecretBox(RandomNumberGenerator.GetBytes(WebhookSecretBox.KeySize));

        Assert.ThrowsAny<CryptographicException>(() => other.Open(sealedSecret, "default", "pager"));
        Assert.ThrowsAny<CryptographicException>(() => other.Open(sealedSecret with { KeyId = other.CurrentKeyId }, "default", "pager"));
    }

    [Fact]
    public void After_a_rotation_the_previous_key_opens_what_it_sealed_and_only_the_new_one_seals()
    {
        var old = new WebhookSecretBox(OldKey).Seal(Secret, "default", "pager");
        var rotated = new WebhookSecretBox(Key, [OldKey]);

        Assert.Equal(Secret, rotated.Open(old, "default", "pager"));
        Assert.False(rotated.IsCurrent(old));
        Assert.True(rotated.IsCurrent(rotated.Seal(Secret, "default", "pager")));
        Assert.Equal(WebhookSecretBox.KeyId(Key), rotated.CurrentKeyId);
    }

    [Fact]
    public void A_key_of_another_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => new WebhookSecretBox(new byte[16]));

    [Fact]
    public void Stored_webhooks_are_sealed_from_plain_state_and_re_sealed_under_the_current_key()
    {
        var rotated = new WebhookSecretBox(Key, [OldKey]);
        var state = new WebhooksState
        {
            Webhooks = [Endpoint("legacy")], // as written before secrets were sealed
            Sealed = [new StoredWebhooks(new WebhookSecretBox(OldKey), "default").Seal(Endpoint("old-key"))],
            Version = 4,
        };
        var stored = new StoredWebhooks(rotated, "default");

        Assert.True(stored.Refresh(state));

        Assert.Empty(state.Webhooks);
        Assert.Equal(["old-key", "legacy"], state.Sealed.Select(w => w.Id));
        Assert.All(state.Sealed, w => Assert.True(rotated.IsCurrent(w.Secret)));
        Assert.All(state.Sealed, w => Assert.Equal(Secret, stored.Open(w).Secret));
        Assert.True(Assert.Single(state.Sealed, w => w.Id == "legacy").ToView().SecretSet);
        Assert.False(stored.Refresh(state));
    }

    [Fact]
    public void A_stored_secret_that_does_not_open_is_left_as_it_is()
    {
        var lost = new StoredWebhooks(new WebhookSecretBox(OldKey), "default").Seal(Endpoint("lost"));
        var state = new WebhooksState { Sealed = [lost] };
        var stored = new StoredWebhooks(_box, "default");

        Assert.False(stored.Refresh(state));
        Assert.Same(lost, Assert.Single(state.Sealed));
        Assert.Null(stored.TryOpen(lost));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData(" ", "is not set")]
    [InlineData("not base64!", "is not base64 of 32 random bytes")]
    [InlineData("c2hvcnQta2V5", "is not base64 of 32 random bytes")] // 9 bytes
    public void A_missing_or_malformed_key_is_named_without_its_value(string? key, string expected)
    {
        var problem = WebhookSecretKeys.Problem(new EscalationWebhookOptions { SecretKey = key });

        Assert.NotNull(problem);
        Assert.Contains($"'{WebhookSecretKeys.Setting}' {expected}", problem, StringComparison.Ordinal);
        if (key is { Length: > 1 })
        {
            Assert.DoesNotContain(key, problem, StringComparison.Ordinal);
        }

        Assert.Throws<InvalidOperationException>(() => WebhookSecretKeys.Box(new EscalationWebhookOptions { SecretKey = key }));
    }

    [Fact]
    public void A_malformed_previous_key_is_named_and_well_formed_keys_make_a_box()
    {
        var options = new EscalationWebhookOptions { SecretKey = Convert.ToBase64String(Key), PreviousSecretKeys = [Convert.ToBase64String(OldKey), "AAAA"] };
        Assert.Equal($"'{WebhookSecretKeys.PreviousSetting}:1' is not base64 of 32 random bytes (`openssl rand -base64 32`).", WebhookSecretKeys.Problem(options));

        options.PreviousSecretKeys.RemoveAt(1);
        Assert.Null(WebhookSecretKeys.Problem(options));
        var box = WebhookSecretKeys.Box(options);
        Assert.Equal(Secret, box.Open(new WebhookSecretBox(OldKey).Seal(Secret, "t", "w"), "t", "w"));
    }

    private static WebhookEndpoint Endpoint(string id) => new()
    {
        Id = id, Team = "soc", Url = "https://hooks.example.com/x", Format = WebhookFormat.Generic, Secret = Secret,
        UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "test",
    };
}
