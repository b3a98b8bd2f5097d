using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>
/// The trusted documents, read once at startup from <see cref="PersistedDocumentOptions.TrustedDocumentsPath"/>: each is
/// found by the SHA-256 of its text and by the id it was given (a file's name without <c>.graphql</c>, a JSON key).
/// A path that cannot be read stops the server at startup rather than running with fewer documents than intended.
/// </summary>
public sealed class TrustedDocumentStore
{
    private readonly Dictionary<string, string> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);

    public TrustedDocumentStore(IOptions<PersistedDocumentOptions> options)
    {
        if (options.Value.TrustedDocumentsPath is { Length: > 0 } path)
        {
            Load(Path.GetFullPath(path));
        }
    }

    public int Count => _hashes.Count;

    public string? Find(string id) => _byId.GetValueOrDefault(DocumentHash.Normalize(id));

    public bool IsTrusted(string document) => _hashes.Contains(DocumentHash.Sha256Hex(document));

    private void Load(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.graphql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                Add(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
            }
        }
        else if (File.Exists(path))
        {
            LoadJson(path);
        }
        else
        {
            throw new InvalidOperationException($"{PersistedDocumentOptions.Section}:TrustedDocumentsPath '{path}' is neither a folder nor a file.");
        }
    }

    // {"<id>": "<document>", …} or Apollo's manifest {"format": "apollo-persisted-query-manifest", "operations": [{"id", "body"}]}.
    private void LoadJson(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("operations", out var operations) && operations.ValueKind == JsonValueKind.Array)
        {
            foreach (var operation in operations.EnumerateArray())
            {
                Add(operation.GetProperty("id").GetString()!, operation.GetProperty("body").GetString()!);
            }

            return;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"Trusted documents file '{path}' must hold a JSON object of documents by id.");
        }

        foreach (var entry in root.EnumerateObject())
        {
            Add(entry.Name, entry.Value.GetString() ?? throw new InvalidOperationException($"Trusted document '{entry.Name}' in '{path}' is not a string."));
        }
    }

    private void Add(string id, string document)
    {
        var hash = DocumentHash.Sha256Hex(document);
        _hashes.Add(hash);
        _byId[hash] = document;
        _byId[DocumentHash.Normalize(id)] = document;
    }
}
