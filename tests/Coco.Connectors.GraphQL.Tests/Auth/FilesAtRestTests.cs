using Coco.Connectors.Server.Auth;
using Coco.Connectors.Storage;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Tests.Auth;

/// <summary>The files that hold secrets are created readable by their owner only: the store, its folder, the token key.</summary>
[Trait("Store", "SqliteOnly")] // about the SQLite file and the key file beside it
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
public sealed class FilesAtRestTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-tests", Guid.NewGuid().ToString("N"));

    public FilesAtRestTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task The_store_and_its_folder_are_created_owner_only()
    {
        await using (var server = await ServerProcess.StartAsync(_folder))
        {
            using var client = server.CreateHttpClient();
            await client.GetAsync(new Uri("connector/github", UriKind.Relative)); // a read opens the WAL files
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(_folder, "data", "coco.db-wal")));
            await server.StopAsync();
        }

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(_folder, "data")));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(_folder, "data", "coco.db")));
    }

    [Fact]
    public void Without_a_configured_key_the_token_key_is_a_new_owner_only_file_beside_the_database()
    {
        var storage = new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "coco.db")}" };
        var first = new TokenKeySource(Options.Create(new AuthOptions()), storage).Key;
        var path = Path.Combine(_folder, TokenKeySource.KeyFileName);

        Assert.Equal(32, first!.Length);
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
        Assert.Equal(first, new TokenKeySource(Options.Create(new AuthOptions()), storage).Key); // read back, not replaced
        Assert.Null(new TokenKeySource(Options.Create(new AuthOptions()), new StorageOptions { Provider = "postgres" }).Key);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
