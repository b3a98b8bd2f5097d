using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 (a free port) over its own fresh store (a SQLite file, or a PostgreSQL
/// database in the PostgreSQL run of the suite: <see cref="TestDatabase"/>). Use one per test class
/// (<c>IClassFixture&lt;CocoServer&gt;</c>); <see cref="RestartAsync"/> gives a new process-like host on the same file.
/// </summary>
public class CocoServer : WebApplicationFactory<Program>
{
    /// <summary>
    /// The API token every test server accepts (with every permission) and every test client sends by default, so the
    /// suites run with authentication on and nothing silently depends on open access.
    /// </summary>
    public const string TestToken = "coco_the-test-suites-token-with-every-permission";

    /// <summary>The token HMAC key of the test servers (fixed, so the test token's hash can be configured).</summary>
    public static readonly byte[] TestTokenKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly string _folder;
    private readonly TestDatabase _database;
    private bool _ownsFolder;
    private bool _ownsDatabase;

    public CocoServer()
        : this(NewFolder(), null, ownsFolder: true, ownsDatabase: true)
    {
    }

    /// <summary>Another server instance over <paramref name="database"/>, running beside its other users; the caller keeps the store.</summary>
    protected CocoServer(TestDatabase database)
        : this(NewFolder(), database, ownsFolder: true, ownsDatabase: false)
    {
    }

    private CocoServer(string folder, TestDatabase? database, bool ownsFolder, bool ownsDatabase)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        _ownsDatabase = ownsDatabase;
        Directory.CreateDirectory(_folder);
        _database = database ?? TestDatabase.Create(_folder);
        UseKestrel(0);
    }

    /// <summary>A new server over this one's database file, as after a restart; it takes over the file's cleanup.</summary>
    public CocoServer Restarted()
    {
        var next = new CocoServer(_folder, _database, _ownsFolder, _ownsDatabase);
        _ownsFolder = false;
        _ownsDatabase = false;
        return next;
    }

    public string DatabasePath => Path.Combine(_folder, "coco.db");

    /// <summary>This server's store (shared with the servers <see cref="Restarted"/> makes).</summary>
    public TestDatabase Database => _database;

    /// <summary>Extra services or settings for a test class (e.g. a test schema).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", TestDatabase.Provider);
        builder.UseSetting("Storage:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Auth:TokenKey", Convert.ToBase64String(TestTokenKey));
        // Tokens are read once at startup; a periodic re-read would add its SELECT to tests that count SQL statements.
        builder.UseSetting("Auth:RefreshInterval", "01:00:00");
        // Stated, not left to the environment's default: the suites make many requests from this machine quickly
        // (RateLimitTests turns them on with small buckets).
        builder.UseSetting("RateLimits:Enabled", "false");
        if (RequiresToken)
        {
            builder.UseSetting("Auth:Tokens:test-suite:Hash", HashOf(TestToken));
            builder.UseSetting("Auth:Tokens:test-suite:Permissions", "*");
        }
        builder.ConfigureServices(ConfigureTestServices);
    }

    /// <summary>
    /// False for a server in protected mode (no token configured: loopback clients are served without one), e.g. for
    /// the browser and client-sample tests, which play a first-time user on this machine.
    /// </summary>
    protected virtual bool RequiresToken => true;

    /// <summary>A token's hash under <see cref="TestTokenKey"/>, as <c>Auth:Tokens:&lt;name&gt;:Hash</c> takes it.</summary>
    public static string HashOf(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(TestTokenKey, System.Text.Encoding.UTF8.GetBytes(token)));

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "coco-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    /// <summary>A client over a real TCP connection to Kestrel.</summary>
    public HttpClient CreateHttpClient() => WithTestToken(new HttpClient { BaseAddress = BaseAddress });

    /// <summary>A client that sends no credentials at all.</summary>
    public HttpClient CreateAnonymousHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Makes <paramref name="client"/> send the test token (when this server requires one).</summary>
    public HttpClient WithTestToken(HttpClient client)
    {
        if (RequiresToken)
        {
            client.DefaultRequestHeaders.Add("X-API-TOKEN", TestToken);
        }

        return client;
    }

    /// <summary>The WebSocket URL of the GraphQL endpoint.</summary>
    public Uri GraphQLWebSocketUri => new(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "graphql");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            _database.Dispose();
        }

        if (disposing && _ownsFolder)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown is left for the OS temp cleaner.
            }
        }
    }
}
