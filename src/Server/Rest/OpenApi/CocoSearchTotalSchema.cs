using System.ComponentModel;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary><c>hits.total</c>: always exact here (<c>relation: "eq"</c>).</summary>
public sealed record CocoSearchTotalSchema(int Value, [property: Description("Always eq: the count is exact.")] string Relation);
