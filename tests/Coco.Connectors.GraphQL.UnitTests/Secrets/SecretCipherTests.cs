using System.Buffers.Text;
using System.Text.Json.Nodes;
using Coco.Connectors.Secrets.AtRest;

namespace Coco.Connectors.UnitTests.Secrets;

/// <summary>The at-rest cipher's format, its refusals, the key ring's checks, and what the store codec encrypts.</summary>
public sealed class SecretCipherTests
{
    private static readonly string KeyOne = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyTwo = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private static SecretKeyRing Ring(string? active, params (string Id, string Key)[] keys) =>
        SecretKeyRing.From(new SecretEncryptionOptions { ActiveKey = active, Keys = keys.ToDictionary(k => k.Id, k => k.Key) })!;

    private static SecretCipher Cipher(string? active = "k1") => new(Ring(active, ("k1", KeyOne), ("k2", KeyTwo)));

    [Fact]
    public void A_value_is_the_version_tag_the_key_id_and_base64url_of_nonce_ciphertext_and_tag()
    {
        var encrypted = Cipher().Encrypt("s3cret-é");

        Assert.StartsWith("cocoenc:v1:k1:", encrypted, StringComparison.Ordinal);
        var payload = Base64Url.DecodeFromChars(encrypted.AsSpan("cocoenc:v1:k1:".Length));
        Assert.Equal(12 + "s3cret-é"u8.Length + 16, payload.Length);
        Assert.Equal("k1", SecretCipher.KeyIdOf(encrypted));
        Assert.Equal("s3cret-é", Cipher().Decrypt(encrypted));
        Assert.Equal("s3cret-é", Cipher("k2").Decrypt(encrypted)); // any configured key decrypts what it encrypted
    }

    [Fact]
    public void The_same_plaintext_encrypts_differently_every_time()
    {
        var cipher = Cipher();
        Assert.NotEqual(cipher.Encrypt("same"), cipher.Encrypt("same"));
    }

    [Fact]
    public void An_altered_byte_anywhere_fails_authentication()
    {
        var cipher = Cipher();
        var encrypted = cipher.Encrypt("value");
        var header = "cocoenc:v1:k1:";
        var payload = Base64Url.DecodeFromChars(encrypted.AsSpan(header.Length));
        for (var i = 0; i < payload.Length; i++)
        {
            var altered = (byte[])payload.Clone();
            altered[i] ^= 0x01;
            var error = Assert.Throws<SecretCipherException>(() => cipher.Decrypt(header + Base64Url.EncodeToString(altered)));
            Assert.Contains("encrypted with key 'k1' fails authentication", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_key_id_is_authenticated_and_a_missing_key_is_named()
    {
        var encrypted = Cipher().Encrypt("value");
        var relabelled = "cocoenc:v1:k2:" + encrypted["cocoenc:v1:k1:".Length..];
        Assert.Equal("k2", Assert.Throws<SecretCipherException>(() => Cipher().Decrypt(relabelled)).KeyId);

        var missing = Assert.Throws<SecretCipherException>(() => new SecretCipher(Ring("k2", ("k2", KeyTwo))).Decrypt(encrypted));
        Assert.Equal("k1", missing.KeyId);
        Assert.Contains("key 'k1', which is not configured (Secrets:Encryption:Keys:k1)", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("cocoenc:v1:k1:short")]
    [InlineData("cocoenc:v1:K1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cocoenc:v1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cocoenc:v1:k1:not*base64url*AAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cocoenc:v2:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Only_a_well_formed_value_is_read_as_ciphertext(string text)
    {
        Assert.Null(SecretCipher.KeyIdOf(text));
        Assert.Throws<SecretCipherException>(() => Cipher().Decrypt(text));
    }

    [Fact]
    public void Without_an_active_key_nothing_is_encrypted()
    {
        var codec = new StoredSecrets(Cipher(active: null));
        var config = JsonNode.Parse("""{"password": "p", "url": "https://u:pw@h/"}""")!.AsObject();
        Assert.Equal(config.ToJsonString(), codec.ProtectConfig(config));
        Assert.Equal("https://u:pw@h/", codec.ProtectText("https://u:pw@h/"));
        Assert.Throws<InvalidOperationException>(() => Cipher(active: null).Encrypt("x"));
    }

    [Fact]
    public void The_codec_encrypts_what_the_secret_policy_calls_secret_and_reads_it_back_unchanged()
    {
        var codec = new StoredSecrets(Cipher());
        var config = JsonNode.Parse("""
            {"token": "t", "pin": 1234, "auth": {"user": "u", "pass": "p"}, "accounts": [{"user": "ann", "password": "pw"}],
             "mirrors": ["http://m:mpw@mirror", "plain"], "token_url": "https://o/token", "max_tokens": 5, "empty_secret": null,
             "note": "cocoenc:v1:k1:looks-encrypted", "nested": {"deep": [[{"api_key": ["a", "b"]}]]}, "n": 1.50}
            """)!.AsObject();

        var stored = codec.ProtectConfig(config);
        var node = JsonNode.Parse(stored)!;

        foreach (var secret in new[] { node["token"], node["pin"], node["auth"], node["accounts"]![0]!["password"], node["mirrors"]![0], node["note"], node["nested"]!["deep"]![0]![0]!["api_key"] })
        {
            Assert.Equal("k1", SecretCipher.KeyIdOf((string)secret!));
        }

        Assert.Equal("plain", (string?)node["mirrors"]![1]);
        Assert.Equal("ann", (string?)node["accounts"]![0]!["user"]);
        Assert.Equal("https://o/token", (string?)node["token_url"]);
        Assert.Equal(5, (int)node["max_tokens"]!);
        Assert.Null(node["empty_secret"]);
        Assert.Equal(config.ToJsonString(), codec.ReadConfig(stored).ToJsonString());
        Assert.Equal([.. Enumerable.Repeat<string?>("k1", 7)], StoredSecrets.KeyIdsOf(stored, null));
        Assert.Equal([null, null, null, null, null, null, "k1"], StoredSecrets.KeyIdsOf(config.ToJsonString(), codec.ProtectText("https://u:pw@h/")));
    }

    public static TheoryData<string, string?, string> Malformed => new()
    {
        { "K1", KeyOne, "Secrets:Encryption:Keys:K1: a key id is 1 to 32 characters of a-z, 0-9 and '-'" },
        { "k_1", KeyOne, "Secrets:Encryption:Keys:k_1: a key id" },
        { "k1", "not base64", "Secrets:Encryption:Keys:k1 must be a base64-encoded 256-bit key (32 bytes)" },
        { "k1", Convert.ToBase64String(new byte[31]), "must be a base64-encoded 256-bit key" },
        { "k1", Convert.ToBase64String(new byte[33]), "must be a base64-encoded 256-bit key" },
        { "k1", "", "must be a base64-encoded 256-bit key" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_key_is_refused_naming_the_setting(string id, string? key, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SecretKeyRing.From(new SecretEncryptionOptions { Keys = new() { [id] = key! } }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ring_is_off_without_keys_and_its_active_key_must_be_configured()
    {
        Assert.Null(SecretKeyRing.From(new SecretEncryptionOptions()));
        var error = Assert.Throws<InvalidOperationException>(() => SecretKeyRing.From(new SecretEncryptionOptions { ActiveKey = "k2", Keys = new() { ["k1"] = KeyOne } }));
        Assert.Contains("Secrets:Encryption:ActiveKey 'k2' names no key", error.Message, StringComparison.Ordinal);
        Assert.Equal(Ring("k1", ("k1", KeyOne)).Fingerprint, Ring("k1", ("k1", KeyOne)).Fingerprint);
        Assert.NotEqual(Ring("k1", ("k1", KeyOne)).Fingerprint, Ring("k1", ("k1", KeyTwo)).Fingerprint);
    }
}
