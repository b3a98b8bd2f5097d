namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>
/// Endpoint metadata naming the JSON body a handler reads itself; <see cref="DocumentedParameterTransformer"/> turns it
/// into the operation's request body. Not <c>Accepts&lt;T&gt;()</c>: that metadata also makes routing refuse any other
/// media type with a bare 415 before the handler can answer with Coco's envelope and the reason.
/// </summary>
public sealed record DocumentedBody(Type Schema, bool Required);
