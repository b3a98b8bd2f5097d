namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>The <c>hits</c> object of a search answer: the exact total and one page of hits.</summary>
public sealed record CocoSearchHitsSchema(CocoSearchTotalSchema Total, IReadOnlyList<CocoSearchHitSchema> Hits);
