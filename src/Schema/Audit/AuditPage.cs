namespace Coco.Connectors.Audit;

/// <summary>One page of the audit log, newest first; <see cref="HasMore"/> says whether older entries follow the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, bool HasMore);
