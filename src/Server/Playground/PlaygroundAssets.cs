using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Coco.Connectors.Server.Playground;

/// <summary>
/// The GraphiQL bundle that the build embeds in this assembly (<c>src/Playground</c>, see its README): files with
/// content-hashed names, each also gzip- and brotli-compressed, and a manifest naming the page's script and style.
/// Empty when the build had no Node.js.
/// </summary>
public sealed class PlaygroundAssets
{
    public const string ResourcePrefix = "Playground/";
    public const string Identity = "identity";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".ttf"] = "font/ttf",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Codings = new Dictionary<string, string>
    {
        [".gz"] = "gzip",
        [".br"] = "br",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly Assembly _assembly;
    private readonly FrozenDictionary<string, PlaygroundAsset> _files;

    public PlaygroundAssets(Assembly assembly)
    {
        _assembly = assembly;
        var resources = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToList();
        _files = resources
            .Select(resource => (resource, file: resource[ResourcePrefix.Length..]))
            .Select(r => Codings.TryGetValue(Path.GetExtension(r.file), out var coding)
                ? (r.resource, name: r.file[..^Path.GetExtension(r.file).Length], coding)
                : (r.resource, name: r.file, coding: Identity))
            .Where(r => ContentTypes.ContainsKey(Path.GetExtension(r.name)))
            .GroupBy(r => r.name, StringComparer.Ordinal)
            .Where(g => g.Any(r => r.coding == Identity))
            .ToFrozenDictionary(
                g => g.Key,
                g => new PlaygroundAsset(g.Key, ContentTypes[Path.GetExtension(g.Key)], g.ToDictionary(r => r.coding, r => r.resource)),
                StringComparer.Ordinal);

        if (resources.Contains(ResourcePrefix + "manifest.json"))
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + "manifest.json")!;
            using var manifest = JsonDocument.Parse(stream);
            Script = Existing(manifest.RootElement.GetProperty("script").GetString());
            Style = Existing(manifest.RootElement.GetProperty("style").GetString());
        }
    }

    /// <summary>The page's module script, or null when the bundle is missing.</summary>
    public string? Script { get; }

    /// <summary>The page's stylesheet, or null when the bundle is missing.</summary>
    public string? Style { get; }

    /// <summary>Whether the build produced the bundle (it needs Node.js).</summary>
    public bool IsBuilt => Script is not null && Style is not null;

    public PlaygroundAsset? Find(string name) => _files.GetValueOrDefault(name);

    /// <summary>The bytes of one encoding of a file, read in place from the loaded assembly.</summary>
    public Stream Open(PlaygroundAsset asset, string coding) => _assembly.GetManifestResourceStream(asset.Resources[coding])!;

    private string? Existing(string? name) => name is not null && _files.ContainsKey(name) ? name : null;
}
