using System.Security.Cryptography;
using Coco.Connectors.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// The token HMAC key: <c>Auth:TokenKey</c>, or (SQLite only) a key file beside the database, created owner-only on
/// first use. Resolved lazily: a server without tokens never needs one.
/// </summary>
public sealed class TokenKeySource(IOptions<AuthOptions> options, StorageOptions storage)
{
    public const string KeyFileName = "token.key";

    public const string MissingKeyMessage =
        "No token key: set Auth:TokenKey to a base64 key of at least 32 bytes (the same on every instance sharing the store).";

    private readonly Lazy<byte[]?> _key = new(() => Resolve(options.Value, storage));

    public byte[]? Key => _key.Value;

    /// <summary>Where the key file is (or would be), or null when the store has no folder of its own.</summary>
    public static string? KeyFilePath(StorageOptions storage)
    {
        if (storage.Provider != StorageRegistration.Sqlite)
        {
            return null;
        }

        var source = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:"
            ? null
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, KeyFileName);
    }

    private static byte[]? Resolve(AuthOptions options, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(options.TokenKey))
        {
            var configured = Convert.FromBase64String(options.TokenKey.Trim());
            return configured.Length >= 32
                ? configured
                : throw new InvalidOperationException("Auth:TokenKey must be at least 32 bytes (base64).");
        }

        return KeyFilePath(storage) is { } path ? ReadOrCreate(path) : null;
    }

    private static byte[] ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(path, options);
                using var writer = new StreamWriter(file);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (the tokens command, a second server) created it first: use theirs.
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
