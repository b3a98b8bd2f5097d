using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Coco.Connectors.Server.Transport.Http;

/// <summary>The response media types of GraphQL over HTTP.</summary>
public enum GraphQLResponseType
{
    /// <summary><c>application/json</c>: 200 for every well-formed request, errors or not (legacy clients).</summary>
    Json,

    /// <summary><c>application/graphql-response+json</c>: status codes say what happened (4xx for request errors).</summary>
    GraphQLResponseJson,
}
