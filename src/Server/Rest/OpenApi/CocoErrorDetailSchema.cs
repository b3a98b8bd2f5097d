using System.ComponentModel;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>The <c>error</c> object of Coco's error envelope.</summary>
public sealed record CocoErrorDetailSchema(
    [property: Description("bad_request, validation_error, unauthorized, forbidden, duplicate_id, builtin_connector, version_conflict, payload_too_large, response_too_large, unsupported_media_type, …")] string Type,
    [property: Description("What was wrong, in words.")] string Reason);
