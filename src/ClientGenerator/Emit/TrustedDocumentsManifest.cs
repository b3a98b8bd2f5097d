using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coco.Connectors.ClientGenerator.Model;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>
/// <c>&lt;Client&gt;.persisted-documents.json</c>: the exact documents the generated client sends (with the
/// <c>__typename</c>s the generator adds), by SHA-256, in graphql-codegen's <c>{"&lt;sha256&gt;": "&lt;document&gt;"}</c>
/// form — what a server locked down to trusted documents (<c>GraphQL:PersistedDocuments</c>) must be given.
/// </summary>
internal static class TrustedDocumentsManifest
{
    public static string FileName(string clientName) => clientName + ".persisted-documents.json";

    public static GeneratedFile For(string clientName, IEnumerable<OperationModel> operations)
    {
        var documents = operations.OrderBy(o => o.Name, StringComparer.Ordinal)
            .ToDictionary(o => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(o.Document))), o => o.Document);
        return new GeneratedFile(FileName(clientName), JsonSerializer.Serialize(documents, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
