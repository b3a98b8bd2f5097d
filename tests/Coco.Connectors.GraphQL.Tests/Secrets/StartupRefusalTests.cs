using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// The server as an operator runs it (its own process) refusing to start: a wrong key under the right key id, a missing
/// key, a bad setting, PostgreSQL chosen without its connection string. Each is one line naming the problem and exit code 1, never a stack trace or the runtime's 134;
/// <c>secrets status</c> says the same of a wrong key.
/// </summary>
[Trait("Store", "SqliteOnly")] // the process runs over a SQLite file in its own folder whatever the suite's store
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-tests", Guid.NewGuid().ToString("N"));

    public StartupRefusalTests() => Directory.CreateDirectory(_folder);

    private static Dictionary<string, string> Keys(string keyId, string key, bool active = true)
    {
        var settings = new Dictionary<string, string> { [$"Secrets__Encryption__Keys__{keyId}"] = key };
        if (active)
        {
            settings["Secrets__Encryption__ActiveKey"] = keyId;
        }

        return settings;
    }

    [Fact]
    public async Task A_wrong_key_a_missing_key_and_a_bad_setting_are_each_one_line_and_exit_code_1()
    {
        string id;
        await using (var server = await ServerProcess.StartAsync(_folder, Keys("k1", EncryptedServer.KeyOf("k1"))))
        {
            using var client = server.CreateHttpClient();
            var created = await client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name":"locked","config":{"client_secret":"s3cr3t-startup"}}""");
            Assert.Equal(HttpStatusCode.OK, created.Status);
            id = (string)created.Object["_id"]!;
            await server.StopAsync();
        }

        var wrongKey = Keys("k1", EncryptedServer.KeyOf("not k1"));
        var refusals = new (IReadOnlyDictionary<string, string> Settings, string[] Args, string Line)[]
        {
            (wrongKey, ["--urls", "http://127.0.0.1:0"],
                $"Coco Connectors cannot start: Secrets:Encryption:Keys:k1 is not the key the stored secrets under key 'k1' were encrypted with: none of the 1 stored values checked (connector '{id}' first) decrypts with it."),
            (wrongKey, ["secrets", "status"], "Secrets:Encryption:Keys:k1 is not the key"),
            (new Dictionary<string, string>(), ["--urls", "http://127.0.0.1:0"],
                $"Coco Connectors cannot start: Connector '{id}' holds secrets encrypted with key 'k1', which is not configured: set Secrets:Encryption:Keys:k1"),
            (new Dictionary<string, string>(Keys("k1", EncryptedServer.KeyOf("k1"))) { ["RateLimits__Enabled"] = "true", ["RateLimits__PerToken__PermitLimit"] = "0" },
                ["--urls", "http://127.0.0.1:0"], "Coco Connectors cannot start: RateLimits:PerToken and RateLimits:PerAddress need a positive PermitLimit"),
            (new Dictionary<string, string> { ["Secrets__Encryption__Keys__k1"] = "not base64!" }, ["--urls", "http://127.0.0.1:0"],
                "Coco Connectors cannot start: Secrets:Encryption:Keys:k1 must be a base64-encoded 256-bit key"),
            (new Dictionary<string, string> { ["Storage__Provider"] = "postgres" }, ["--urls", "http://127.0.0.1:0"],
                "Coco Connectors cannot start: Storage:ConnectionString is not a PostgreSQL connection string"),
        };
        foreach (var (settings, args, line) in refusals)
        {
            var (exitCode, output) = await ServerProcess.RunToExitAsync(_folder, settings, args);
            Assert.True(exitCode == 1, $"exit code {exitCode}: {output}");
            Assert.Contains(line, output, StringComparison.Ordinal);
            Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-startup", output, StringComparison.Ordinal);
        }

        // The right key still opens everything, and status says it was checked.
        var (ok, status) = await ServerProcess.RunToExitAsync(_folder, Keys("k1", EncryptedServer.KeyOf("k1")), "secrets", "status");
        Assert.True(ok == 0, status);
        Assert.Contains("keys checked: each key in use decrypts its stored secrets", status, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopped process; the temp folder is cleaned later.
        }
    }
}
