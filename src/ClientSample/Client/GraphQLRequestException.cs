using System.Net;

namespace Coco.Connectors.Client;

/// <summary>The server answered with GraphQL errors (a bad request, a limit, a failing field), so there is no result.</summary>
public sealed class GraphQLRequestException : ConnectorClientException
{
    public GraphQLRequestException(IReadOnlyList<GraphQLError> errors, HttpStatusCode? statusCode)
        : base(Describe(errors), errors.FirstOrDefault()?.Code ?? "GRAPHQL_ERROR")
    {
        Errors = errors;
        StatusCode = statusCode;
    }

    /// <summary>Every error the server sent, in its order.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    /// <summary>The HTTP status of the response; null over a WebSocket.</summary>
    public HttpStatusCode? StatusCode { get; }

    private static string Describe(IReadOnlyList<GraphQLError> errors) => errors.Count switch
    {
        0 => "The server answered with an error.",
        1 => errors[0].ToString(),
        _ => $"{errors[0]} (and {errors.Count - 1} more)",
    };
}
