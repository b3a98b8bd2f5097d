using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.GraphQLApi.Introspection;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Scalars;

/// <summary>
/// <c>JSON</c>: any JSON value. Output fields of this type are masked by <see cref="Secrets.SecretMaskingMiddleware"/>,
/// because free JSON (a connector's <c>config</c>) is where secrets live.
/// </summary>
public sealed class JsonScalar : ScalarGraphType
{
    public JsonScalar()
    {
        Name = "JSON";
        Description = "Any JSON value: an object, array, string, number, boolean or null.";
        this.ApplyDirective(SpecifiedByDirective.DirectiveName, SpecifiedByDirective.UrlArgument, "https://www.rfc-editor.org/rfc/rfc8259");
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        JsonElement element => element,
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => ToNode(value);

    public override object? ParseLiteral(GraphQLValue value) => FromLiteral(value);

    /// <summary>Variables arrive as dictionaries, lists and CLR scalars; turn them into a JSON tree.</summary>
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonSerializer.SerializeToNode(element),
        IDictionary<string, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToNode(kv.Value)))),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        int or long or short or byte or uint or ulong or double or float or decimal or System.Numerics.BigInteger =>
            JsonNode.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => throw new FormatException($"A value of type {value.GetType().Name} is not JSON."),
    };

    private static JsonNode? FromLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => JsonValue.Create((string)s.Value),
        GraphQLBooleanValue b => JsonValue.Create(b.BoolValue),
        GraphQLIntValue i => JsonNode.Parse((string)i.Value),
        GraphQLFloatValue f => JsonNode.Parse((string)f.Value),
        GraphQLEnumValue e => JsonValue.Create((string)e.Name.Value),
        GraphQLListValue list => new JsonArray([.. (list.Values ?? []).Select(FromLiteral)]),
        GraphQLObjectValue obj => new JsonObject((obj.Fields ?? []).Select(f => KeyValuePair.Create((string)f.Name.Value, FromLiteral(f.Value)))),
        _ => throw new FormatException($"'{value.Kind}' is not a JSON literal."),
    };
}
