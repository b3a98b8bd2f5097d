using Coco.Connectors.Audit;

namespace Coco.Connectors.GraphQLApi.Audit;

public sealed record AuditEntriesEdge(AuditEntry Node);
