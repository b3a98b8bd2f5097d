using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>A page of the audit log, newest first.</summary>
public sealed record CocoAuditPageSchema(
    [property: JsonPropertyName("entries")] IReadOnlyList<CocoAuditEntrySchema> Entries,
    [property: JsonPropertyName("next"), Description("The before= value for the next (older) page; null on the last page.")] long? Next);
