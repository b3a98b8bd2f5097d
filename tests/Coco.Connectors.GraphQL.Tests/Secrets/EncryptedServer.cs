using System.Security.Cryptography;
using System.Text;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// A test server that encrypts secrets at rest: the named keys configured (each with a fixed key derived from its id, so
/// servers over one store agree on them), <c>active</c> the one new writes use. By default key <c>k1</c>, active.
/// </summary>
public sealed class EncryptedServer : CocoServer
{
    private readonly string? _active;
    private readonly string[] _keyIds;
    private (string Key, string Value)[] _settings = [];

    public EncryptedServer()
        : this("k1", ["k1"])
    {
    }

    private EncryptedServer(string? active, string[] keyIds)
    {
        _active = active;
        _keyIds = keyIds;
    }

    private EncryptedServer(TestDatabase database, string? active, string[] keyIds)
        : base(database)
    {
        _active = active;
        _keyIds = keyIds;
    }

    /// <summary>Another server over <paramref name="database"/> (which the caller keeps) with other keys.</summary>
    public static EncryptedServer Over(TestDatabase database, string? active, params string[] keyIds) => new(database, active, keyIds);

    /// <summary>A server over <paramref name="database"/> with these <c>Secrets:Encryption</c> settings, as written.</summary>
    public static EncryptedServer WithSettings(TestDatabase database, params (string Key, string Value)[] settings) =>
        new(database, null, []) { _settings = settings };

    /// <summary>The fixed test key of <paramref name="keyId"/>, as configured.</summary>
    public static string KeyOf(string keyId) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("coco test key " + keyId)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var id in _keyIds)
        {
            builder.UseSetting($"Secrets:Encryption:Keys:{id}", KeyOf(id));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_active is not null)
        {
            builder.UseSetting("Secrets:Encryption:ActiveKey", _active);
        }
    }
}
