using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>
/// The connector document of Coco's REST API as the OpenAPI document describes it (a create body, a merge patch, a
/// <c>_source</c>). Only a description: the routes read and write the JSON through the domain's own reader and writer.
/// </summary>
[Description("A connector as Coco's REST API writes it. On create, only name is required; on update the body is a JSON Merge Patch (RFC 7386) of this document, or the whole document with ?replace=true.")]
public sealed record CocoConnectorSchema(
    [property: Description("1 to 64 letters, digits, '_' or '-'; generated when left out on create.")] string? Id = null,
    [property: Description("RFC 3339 UTC; set by the server.")] DateTimeOffset? Created = null,
    [property: Description("RFC 3339 UTC; set by the server.")] DateTimeOffset? Updated = null,
    string? Name = null,
    string? Description = null,
    string? Category = null,
    string? Icon = null,
    IReadOnlyList<string>? Tags = null,
    [property: Description("Any URL; a password in it is shown as ******.")] string? Url = null,
    [property: JsonPropertyName("path_hierarchy")] bool? PathHierarchy = null,
    [property: Description("{\"icons\": {name: icon}}.")] JsonObject? Assets = null,
    [property: Description("True for Coco's built-in connectors (which cannot be deleted); set by the server.")] bool? Builtin = null,
    [property: Description("Free-form settings. Secrets in it (tokens, passwords, keys…) are always shown as \"******\"; sending \"******\" back keeps the stored value.")] JsonObject? Config = null,
    [property: JsonPropertyName("oauth_connect_implemented")] bool? OauthConnectImplemented = null,
    CocoProcessorSchema? Processor = null,
    bool? Enabled = null);
