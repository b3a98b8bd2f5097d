using System.Buffers;
using System.Text.Json;
using Coco.Connectors.Server.Hosting;
using Coco.Connectors.Server.Json;
using GraphQL;
using GraphQL.Transport;

namespace Coco.Connectors.Server.Transport.Http;

/// <summary>Why an HTTP request is not a GraphQL-over-HTTP request we can run; becomes a GraphQL-shaped error body.</summary>
public sealed record HttpRequestProblem(int StatusCode, string Code, string Message)
{
    public static HttpRequestProblem Invalid(string message) => new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", message);
}
