using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>A page of connectors; <see cref="TotalCount"/> is only computed when asked for.</summary>
public sealed record ConnectorSlice(IReadOnlyList<Connector> Items, int? TotalCount, bool HasMore);
