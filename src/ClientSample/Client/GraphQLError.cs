using System.Text.Json;

namespace Coco.Connectors.Client;

/// <summary>One entry of a GraphQL response's <c>errors</c>: the server's message and its <c>extensions.code</c>.</summary>
/// <param name="Message">The server's message.</param>
/// <param name="Code">The machine-readable <c>extensions.code</c> (e.g. <c>VALIDATION_ERROR</c>), when the server gave one.</param>
/// <param name="Path">The response path of the failing field, dotted (<c>connectors.nodes.0.name</c>), when there is one.</param>
/// <param name="Extensions">Every extension the server sent, for codes' details.</param>
public sealed record GraphQLError(string Message, string? Code, string? Path, JsonElement? Extensions)
{
    public override string ToString() => Code is null ? Message : $"{Message} ({Code})";
}
