using System.Text.Json.Nodes;

namespace Coco.Connectors.Domain;

/// <summary>How many objects and arrays deep a JSON value nests (a scalar is 0).</summary>
internal static class JsonDepth
{
    public static int Of(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Select(p => Of(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray a => 1 + a.Select(Of).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
