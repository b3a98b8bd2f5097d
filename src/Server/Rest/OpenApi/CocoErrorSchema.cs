using System.ComponentModel;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>Coco's error envelope: <c>{"status": 400, "error": {"type": …, "reason": …}}</c>.</summary>
[Description("Coco's error envelope.")]
public sealed record CocoErrorSchema(
    [property: Description("The HTTP status code again.")] int Status,
    CocoErrorDetailSchema Error);
