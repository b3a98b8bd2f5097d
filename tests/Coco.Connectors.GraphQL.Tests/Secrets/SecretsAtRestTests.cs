using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coco.Connectors.Secrets.AtRest;
using Coco.Connectors.Server.Hosting;
using Coco.Connectors.Storage;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// Secrets encrypted at rest (<c>Secrets:Encryption</c>), over the real server and the real store: what the database
/// holds, that every answer stays as without encryption, rotation with two keys, a missing or malformed key, a
/// tampered ciphertext, turning encryption off, and that it is off by default.
/// </summary>
public sealed class SecretsAtRestTests
{
    // Every secret holds this marker, so one search of the stored text covers them all.
    private const string Marker = "ATREST7Q";

    private static JsonObject Document(string name) => new()
    {
        ["name"] = name,
        ["description"] = "kept in the clear",
        ["url"] = $"https://wiki:{Marker}-url@wiki.example.com/",
        ["config"] = new JsonObject
        {
            ["client_secret"] = $"{Marker}-client",
            ["pin"] = 4321,
            ["auth"] = new JsonObject { ["user"] = "u", ["pass"] = $"{Marker}-pass" },
            ["accounts"] = new JsonArray(new JsonObject { ["user"] = "ann", ["password"] = $"{Marker}-ann" }),
            ["database_url"] = $"postgres://svc:{Marker}-db@db.example.com/coco",
            ["token_url"] = "https://oauth.example.com/token",
            ["note"] = "cocoenc:v1:k1:written-by-a-user",
            ["max_tokens"] = 1000,
        },
    };

    private static async Task<string> CreateAsync(CocoServer server, string name)
    {
        using var http = server.CreateHttpClient();
        var created = await http.SendJsonAsync(HttpMethod.Post, "connector/", Document(name).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (string)created.Object["_id"]!;
    }

    /// <summary>The connector as REST and GraphQL read it, without the fields that differ between two servers.</summary>
    private static async Task<string> ReadAsync(CocoServer server, string id)
    {
        using var http = server.CreateHttpClient();
        var rest = await http.GetJsonAsync($"connector/{id}");
        Assert.Equal(HttpStatusCode.OK, rest.Status);
        var source = rest.Object["_source"]!.AsObject();
        source.Remove("id");
        source.Remove("created");
        source.Remove("updated");
        using var graphql = new GraphQLTestClient(server);
        var read = await graphql.PostAsync("query($id: ID!) { connectorById(id: $id) { name url config } }", new { id });
        return source.ToJsonString() + "\n" + read.Ok()["connectorById"]!.ToJsonString();
    }

    private static async Task<string> RunAsync(CocoServer server, params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, await SecretsCommand.RunAsync(server.Services, ["secrets", .. args], output));
        return output.ToString();
    }

    [Fact]
    public async Task Secrets_are_stored_encrypted_and_every_answer_is_as_without_encryption()
    {
        using var plain = new CocoServer();
        using var encrypted = new EncryptedServer();
        var plainId = await CreateAsync(plain, "same document");
        var encryptedId = await CreateAsync(encrypted, "same document");

        Assert.Equal(
            (await ReadAsync(plain, plainId)).Replace(plainId, "<id>", StringComparison.Ordinal),
            (await ReadAsync(encrypted, encryptedId)).Replace(encryptedId, "<id>", StringComparison.Ordinal));
        Assert.Equal(
            (await plain.StoredAsync(plainId))!.Config!.ToJsonString(),
            (await encrypted.StoredAsync(encryptedId))!.Config!.ToJsonString());

        // Off by default: the plain server stores secrets as written, exactly as before.
        var (plainConfig, plainUrl) = await StoredColumns.ReadAsync(plain.Database, plainId);
        Assert.Contains($"{Marker}-client", plainConfig, StringComparison.Ordinal);
        Assert.DoesNotContain(Coco.Connectors.Secrets.AtRest.SecretCipher.Prefix + "k1:", plainConfig!.Replace("cocoenc:v1:k1:written", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal($"https://wiki:{Marker}-url@wiki.example.com/", plainUrl);

        var (config, url) = await StoredColumns.ReadAsync(encrypted.Database, encryptedId);
        Assert.DoesNotContain(Marker, config, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, url, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", config, StringComparison.Ordinal);
        Assert.DoesNotContain("written-by-a-user", config, StringComparison.Ordinal);
        Assert.StartsWith("cocoenc:v1:k1:", url, StringComparison.Ordinal);
        var stored = JsonNode.Parse(config!)!;
        Assert.StartsWith("cocoenc:v1:k1:", (string?)stored["client_secret"], StringComparison.Ordinal);
        Assert.StartsWith("cocoenc:v1:k1:", (string?)stored["accounts"]![0]!["password"], StringComparison.Ordinal);
        Assert.Equal("ann", (string?)stored["accounts"]![0]!["user"]);
        Assert.Equal("https://oauth.example.com/token", (string?)stored["token_url"]);
        Assert.Equal(1000, (int)stored["max_tokens"]!);
    }

    [Fact]
    [Trait("Store", "SqliteOnly")] // the bytes of the SQLite file and its write-ahead log
    public async Task The_plaintext_is_nowhere_in_the_database_file_or_its_wal()
    {
        using var server = new EncryptedServer();
        var id = await CreateAsync(server, "file check");
        using var http = server.CreateHttpClient();
        var merged = await http.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"description": "merged", "config": {"client_secret": "******", "api_key": "ATREST7Q-new"}}""");
        Assert.Equal(HttpStatusCode.OK, merged.Status);
        Assert.Equal($"{Marker}-client", (string?)(await server.StoredAsync(id))!.Config!["client_secret"]);

        var files = new[] { server.DatabasePath, server.DatabasePath + "-wal" }.Where(File.Exists).ToList();
        Assert.Contains(server.DatabasePath + "-wal", files);
        var all = new StringBuilder();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            all.Append(Encoding.UTF8.GetString(bytes.ToArray()));
        }

        var text = all.ToString();
        Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
        Assert.DoesNotContain("written-by-a-user", text, StringComparison.Ordinal);
        // The scan does see the rows: the clear text sits in the log or, once a checkpoint has run, in the file.
        Assert.Contains("kept in the clear", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_re_encrypts_every_secret_with_the_active_key_and_can_run_again()
    {
        using var first = new EncryptedServer();
        var ids = new List<string> { await CreateAsync(first, "rotate a"), await CreateAsync(first, "rotate b") };
        var before = await ReadAsync(first, ids[0]);

        using var second = EncryptedServer.Over(first.Database, "k2", "k1", "k2");
        ids.Add(await CreateAsync(second, "written after the switch")); // new writes use the active key at once
        Assert.StartsWith("cocoenc:v1:k2:", (await StoredColumns.ReadAsync(first.Database, ids[2])).UrlWithPassword, StringComparison.Ordinal);
        var status = await RunAsync(second, "status");
        Assert.Contains("active key 'k2'; keys configured: k1, k2.", status, StringComparison.Ordinal);
        Assert.Contains("key k1: 14", status, StringComparison.Ordinal); // 7 secrets (with the look-alike note) in each of 2
        Assert.Contains("key k2: 7", status, StringComparison.Ordinal);
        Assert.Contains("plaintext: 0", status, StringComparison.Ordinal);

        Assert.Contains("Re-encrypted the secrets of 2 connectors with key 'k2'.", await RunAsync(second, "rotate"), StringComparison.Ordinal);
        Assert.Contains("Re-encrypted the secrets of 0 connectors", await RunAsync(second, "rotate"), StringComparison.Ordinal);
        status = await RunAsync(second, "status");
        Assert.DoesNotContain("key k1:", status, StringComparison.Ordinal);
        Assert.Contains("key k2: 21", status, StringComparison.Ordinal);
        foreach (var id in ids)
        {
            var (config, url) = await StoredColumns.ReadAsync(first.Database, id);
            Assert.DoesNotContain("cocoenc:v1:k1:", config, StringComparison.Ordinal);
            Assert.StartsWith("cocoenc:v1:k2:", url, StringComparison.Ordinal);
        }

        // k1 retired: a server with k2 alone starts and reads everything as before, versions untouched.
        using var third = EncryptedServer.Over(first.Database, "k2", "k2");
        Assert.Equal(before, await ReadAsync(third, ids[0]));
        Assert.Equal(1, (await third.StoredAsync(ids[0]))!.Version);
        Assert.Equal($"{Marker}-ann", (string?)(await third.StoredAsync(ids[1]))!.Config!["accounts"]![0]!["password"]);
    }

    [Fact]
    public async Task Turning_encryption_off_decrypts_every_secret_and_then_no_key_is_needed()
    {
        using var first = new EncryptedServer();
        var id = await CreateAsync(first, "decrypt");
        var before = await ReadAsync(first, id);

        using var decryptOnly = EncryptedServer.Over(first.Database, null, "k1");
        Assert.Contains("Decrypted the secrets of 1 connectors", await RunAsync(decryptOnly, "rotate"), StringComparison.Ordinal);
        // Six: the note that only looks encrypted is plain text again, and not a secret.
        Assert.Contains("plaintext: 6", await RunAsync(decryptOnly, "status"), StringComparison.Ordinal);

        using var off = EncryptedServer.Over(first.Database, null);
        Assert.Equal(before, await ReadAsync(off, id));
        var (config, url) = await StoredColumns.ReadAsync(first.Database, id);
        Assert.Contains($"{Marker}-client", config, StringComparison.Ordinal);
        Assert.Equal($"https://wiki:{Marker}-url@wiki.example.com/", url);
    }

    [Fact]
    public async Task A_store_holding_secrets_under_a_key_that_is_not_configured_refuses_to_start_naming_it()
    {
        using var first = new EncryptedServer();
        var id = await CreateAsync(first, "needs k1");

        foreach (var server in new[] { EncryptedServer.Over(first.Database, "k2", "k2"), EncryptedServer.Over(first.Database, null) })
        {
            using (server)
            {
                var refused = Assert.ThrowsAny<Exception>(() => server.CreateHttpClient());
                Assert.Contains($"Connector '{id}' holds secrets encrypted with key 'k1', which is not configured: set Secrets:Encryption:Keys:k1", AllMessages(refused), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_wrong_key_under_the_right_id_refuses_to_start_and_secrets_status_names_it()
    {
        using var first = new EncryptedServer();
        var id = await CreateAsync(first, "needs the real k1");
        var wrongKey = ("Secrets:Encryption:Keys:k1", EncryptedServer.KeyOf("not k1"));
        const string Named = "Secrets:Encryption:Keys:k1 is not the key the stored secrets under key 'k1' were encrypted with";

        using (var wrong = EncryptedServer.WithSettings(first.Database, wrongKey, ("Secrets:Encryption:ActiveKey", "k1")))
        {
            var refused = Assert.ThrowsAny<Exception>(() => wrong.CreateHttpClient());
            Assert.Contains(Named, AllMessages(refused), StringComparison.Ordinal);
            Assert.Contains($"connector '{id}'", AllMessages(refused), StringComparison.Ordinal);
        }

        // secrets status over the same store with the wrong key: the counts, then the key named, and a failing exit.
        var ring = SecretKeyRing.From(new SecretEncryptionOptions { Keys = new() { ["k1"] = EncryptedServer.KeyOf("not k1") } })!;
        var keys = new StoredSecretKeys(first.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>(), new StoredSecrets(new SecretCipher(ring)));
        await using var services = new ServiceCollection().AddSingleton(keys).BuildServiceProvider();
        var output = new StringWriter();
        Assert.Equal(1, await SecretsCommand.RunAsync(services, ["secrets", "status"], output));
        Assert.Contains("key k1: 7", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(Named, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("keys checked", output.ToString(), StringComparison.Ordinal);

        // One damaged value is not a wrong key: the others under k1 open, so the server starts and status passes.
        var (config, _) = await StoredColumns.ReadAsync(first.Database, id);
        var stored = JsonNode.Parse(config!)!.AsObject();
        var secret = (string)stored["client_secret"]!;
        stored["client_secret"] = secret[..^2] + (secret[^2] == 'A' ? 'B' : 'A') + secret[^1];
        await StoredColumns.WriteConfigAsync(first.Database, id, stored.ToJsonString());
        using var again = EncryptedServer.Over(first.Database, "k1", "k1");
        Assert.Contains("keys checked: each key in use decrypts its stored secrets", await RunAsync(again, "status"), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> MalformedSettings => new()
    {
        { "Secrets:Encryption:Keys:k1", "not base64!", "Secrets:Encryption:Keys:k1 must be a base64-encoded 256-bit key" },
        { "Secrets:Encryption:Keys:k1", Convert.ToBase64String(new byte[16]), "Secrets:Encryption:Keys:k1 must be a base64-encoded 256-bit key" },
        { "Secrets:Encryption:Keys:Key_1", EncryptedServer.KeyOf("k1"), "Secrets:Encryption:Keys:Key_1: a key id is 1 to 32 characters" },
        { "Secrets:Encryption:ActiveKey", "k9", "Secrets:Encryption:ActiveKey 'k9' names no key" },
    };

    [Theory]
    [MemberData(nameof(MalformedSettings))]
    public void A_malformed_key_configuration_stops_the_start_naming_the_setting(string key, string value, string message)
    {
        using var owner = new CocoServer();
        using var server = EncryptedServer.WithSettings(owner.Database, (key, value));
        var refused = Assert.ThrowsAny<Exception>(() => server.CreateHttpClient());
        Assert.Contains(message, AllMessages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_secret_is_a_clear_store_error_and_changes_nothing()
    {
        using var server = new EncryptedServer();
        var id = await CreateAsync(server, "tampered");
        var (config, _) = await StoredColumns.ReadAsync(server.Database, id);
        var stored = JsonNode.Parse(config!)!.AsObject();
        var secret = (string)stored["client_secret"]!;
        stored["client_secret"] = secret[..^2] + (secret[^2] == 'A' ? 'B' : 'A') + secret[^1];
        await StoredColumns.WriteConfigAsync(server.Database, id, stored.ToJsonString());

        using var http = server.CreateHttpClient();
        var read = await http.GetJsonAsync($"connector/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.Status);
        Assert.Equal("store_unavailable", (string?)read.Object["error"]!["type"]);
        Assert.Contains("encrypted with key 'k1' fails authentication", (string?)read.Object["error"]!["reason"], StringComparison.Ordinal);
        var write = await http.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"description": "changed"}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.Status);
        Assert.Equal(stored.ToJsonString(), (await StoredColumns.ReadAsync(server.Database, id)).Config);

        using var graphql = new GraphQLTestClient(server);
        var viaGraphQL = await graphql.PostAsync("query($id: ID!) { connectorById(id: $id) { name config } }", new { id });
        Assert.Equal("STORE_UNAVAILABLE", viaGraphQL.FirstErrorCode);
        Assert.Contains("fails authentication", viaGraphQL.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetJsonAsync("connector/github")).Status); // the others are served

        // Rotation leaves it as it is, says so, goes on with the others and fails the run.
        var other = await CreateAsync(server, "rotated beside it");
        using var rotating = EncryptedServer.Over(server.Database, "k2", "k1", "k2");
        var output = new StringWriter();
        Assert.Equal(1, await SecretsCommand.RunAsync(rotating.Services, ["secrets", "rotate"], output));
        Assert.Contains($"Left connector '{id}' as it is: a stored secret encrypted with key 'k1' fails authentication", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Re-encrypted the secrets of 1 connectors with key 'k2'.", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("cocoenc:v1:k2:", (await StoredColumns.ReadAsync(server.Database, other)).UrlWithPassword, StringComparison.Ordinal);
        Assert.Equal(stored.ToJsonString(), (await StoredColumns.ReadAsync(server.Database, id)).Config);
    }

    private static string AllMessages(Exception exception)
    {
        var messages = new StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.AppendLine(e.Message);
        }

        return messages.ToString();
    }
}
