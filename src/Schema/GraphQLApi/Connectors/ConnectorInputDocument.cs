using System.Globalization;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Turns a GraphQL connector input into the Coco snake_case document <see cref="ConnectorWriter"/> takes, and maps
/// the service's field names back. Only fields present in the input are copied, and an explicit null stays a null,
/// so an update input becomes an RFC 7386 merge patch. No validation happens here: the write path owns it.
/// </summary>
public static class ConnectorInputDocument
{
    // GraphQL input field → Coco document key, for every level of the connector input: the queryable fields' names
    // come from the catalogue; the rest of the document is not queryable.
    private static readonly Dictionary<string, string> CocoNames = new(
        QueryFields.SegmentNames.Concat(
        [
            KeyValuePair.Create("assets", "assets"),
            KeyValuePair.Create("icons", "icons"),
            KeyValuePair.Create("config", "config"),
        ]),
        StringComparer.Ordinal);

    private static readonly Dictionary<string, string> GraphQLNames =
        CocoNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>The Coco document for the connector fields of <paramref name="input"/>; other keys are skipped.</summary>
    public static JsonObject ToCoco(IReadOnlyDictionary<string, object?> input)
    {
        var document = new JsonObject();
        foreach (var (name, value) in input)
        {
            if (CocoNames.TryGetValue(name, out var key))
            {
                document[key] = ToNode(value);
            }
        }

        return document;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        IReadOnlyDictionary<string, object?> nested => ToCoco(nested),
        IDictionary<string, object?> nested => ToCoco(nested.AsReadOnly()),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>A refused field as GraphQL clients see it: the path in GraphQL names (<c>path_hierarchy</c> → <c>pathHierarchy</c>).</summary>
    public static GraphQLFieldError ToGraphQL(ValidationError error)
    {
        var path = error.Path.Render(name => GraphQLNames.GetValueOrDefault(name, name));
        return new GraphQLFieldError(path, error.ReasonAt(path));
    }
}
