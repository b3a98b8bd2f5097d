using Coco.Connectors.Audit;

namespace Coco.Connectors.GraphQLApi.Audit;

/// <summary>A page of the audit log as <c>auditLog</c> returns it; <see cref="After"/> says whether entries precede it.</summary>
public sealed record AuditEntriesConnection(AuditPage Page, bool After);
