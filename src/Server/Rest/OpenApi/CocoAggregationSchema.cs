namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>A terms aggregation on <c>category</c>.</summary>
public sealed record CocoAggregationSchema(IReadOnlyList<CocoBucketSchema> Buckets);
