using System.Buffers;
using System.Text.Json;
using Coco.Connectors.Server.Hosting;
using Coco.Connectors.Server.Json;
using GraphQL;
using GraphQL.Transport;

namespace Coco.Connectors.Server.Transport.Http;

/// <summary>
/// Reads a GraphQL request from a POST JSON body or GET query parameters, checking its shape
/// (GraphQL over HTTP §Request Parameters) so a malformed request gets a precise 400 instead of an engine error.
/// Variables and extensions are converted by the DI serializer, the same one that writes responses.
/// </summary>
public sealed class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer)
{
    public async Task<(GraphQLRequest? Request, HttpRequestProblem? Problem)> ReadBodyAsync(HttpRequest http, long maxBytes, CancellationToken ct)
    {
        using var body = await RequestBody.ReadAsync(http, maxBytes, ct);
        if (body is null)
        {
            return (null, TooLarge(maxBytes));
        }

        if (body.Length == 0)
        {
            return (null, new HttpRequestProblem(StatusCodes.Status400BadRequest, "INVALID_JSON",
                "The request body is empty; send a JSON object such as {\"query\": \"{ __typename }\"}."));
        }

        if (!StrictJson.TryParse(body.GetBuffer().AsMemory(0, (int)body.Length), out var json, out var problem))
        {
            return (null, new HttpRequestProblem(StatusCodes.Status400BadRequest, problem.Code, $"The request body {problem.Detail}."));
        }

        using (json)
        {
            return json.RootElement.ValueKind switch
            {
                JsonValueKind.Object => FromJson(json.RootElement),
                JsonValueKind.Array => (null, new HttpRequestProblem(StatusCodes.Status400BadRequest, "BATCHING_NOT_SUPPORTED",
                    "Batched requests (a JSON array) are not supported; send one request object per HTTP request.")),
                _ => (null, HttpRequestProblem.Invalid("The request body must be a JSON object with a \"query\" string.")),
            };
        }
    }

    public (GraphQLRequest? Request, HttpRequestProblem? Problem) ReadQueryString(IQueryCollection parameters)
    {
        var variables = ParseJsonParameter(parameters, "variables", out var variablesProblem);
        var extensions = ParseJsonParameter(parameters, "extensions", out var extensionsProblem);
        if ((variablesProblem ?? extensionsProblem) is { } problem)
        {
            return (null, problem);
        }

        var documentId = DocumentIdParameter(parameters);
        var hasQuery = parameters.TryGetValue("query", out var query) && !string.IsNullOrEmpty(query);
        if (!hasQuery && documentId is null && !HasPersistedQuery(extensions))
        {
            return (null, HttpRequestProblem.Invalid("The \"query\" parameter is required: send the GraphQL document in it (or a \"documentId\")."));
        }

        var operationName = parameters["operationName"].ToString();
        return (new GraphQLRequest
        {
            Query = hasQuery ? query.ToString() : null,
            DocumentId = documentId,
            OperationName = operationName.Length == 0 ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    private (GraphQLRequest?, HttpRequestProblem?) FromJson(JsonElement root)
    {
        if (!TryReadDocumentId(root, out var documentId, out var idProblem))
        {
            return (null, idProblem);
        }

        if (!root.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
        {
            if (documentId is null && !HasPersistedQuery(root))
            {
                return (null, HttpRequestProblem.Invalid("The request has no \"query\": send the GraphQL document as a string in it."));
            }
        }
        else if (query.ValueKind != JsonValueKind.String)
        {
            return (null, HttpRequestProblem.Invalid("\"query\" must be a string holding the GraphQL document."));
        }

        if (root.TryGetProperty("operationName", out var operationName)
            && operationName.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return (null, HttpRequestProblem.Invalid("\"operationName\" must be a string or null."));
        }

        if (!TryReadMap(root, "variables", out var variables, out var problem) || !TryReadMap(root, "extensions", out var extensions, out problem))
        {
            return (null, problem);
        }

        return (new GraphQLRequest
        {
            Query = query.ValueKind == JsonValueKind.String ? query.GetString() : null,
            DocumentId = documentId,
            OperationName = operationName.ValueKind == JsonValueKind.String && operationName.GetString() is { Length: > 0 } name ? name : null,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    // "documentId" (GraphQL over HTTP draft) or "id" (HotChocolate, Relay).
    private static bool TryReadDocumentId(JsonElement root, out string? documentId, out HttpRequestProblem? problem)
    {
        documentId = null;
        problem = null;
        foreach (var name in DocumentIdNames)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } id)
                {
                    problem = HttpRequestProblem.Invalid($"\"{name}\" must be a non-empty string naming a trusted document.");
                    return false;
                }

                documentId = id;
                return true;
            }
        }

        return true;
    }

    private static string? DocumentIdParameter(IQueryCollection parameters) =>
        DocumentIdNames.Select(name => parameters[name].ToString()).FirstOrDefault(id => id.Length > 0);

    private static readonly string[] DocumentIdNames = ["documentId", "id"];

    private static bool HasPersistedQuery(JsonElement root) =>
        root.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.TryGetProperty(Persisted.PersistedDocumentResolver.PersistedQueryExtension, out var persisted)
        && persisted.ValueKind != JsonValueKind.Null;

    private static bool HasPersistedQuery(Inputs? extensions) =>
        extensions is not null && extensions.TryGetValue(Persisted.PersistedDocumentResolver.PersistedQueryExtension, out var persisted) && persisted is not null;

    private bool TryReadMap(JsonElement root, string name, out Inputs? map, out HttpRequestProblem? problem)
    {
        map = null;
        problem = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = HttpRequestProblem.Invalid($"\"{name}\" must be a JSON object (or null).");
            return false;
        }

        map = serializer.ReadNode<Inputs>(value);
        return true;
    }

    private Inputs? ParseJsonParameter(IQueryCollection parameters, string name, out HttpRequestProblem? problem)
    {
        problem = null;
        var text = parameters[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (!StrictJson.TryParse(text, out var json, out var invalid))
        {
            problem = new HttpRequestProblem(StatusCodes.Status400BadRequest,
                invalid.Code == JsonProblem.InvalidJson ? "INVALID_REQUEST" : invalid.Code, $"The \"{name}\" parameter {invalid.Detail}.");
            return null;
        }

        using (json)
        {
            if (json.RootElement.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = HttpRequestProblem.Invalid($"The \"{name}\" parameter must be a JSON object.");
                return null;
            }

            return serializer.ReadNode<Inputs>(json.RootElement);
        }
    }

    private static HttpRequestProblem TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request body is larger than the {maxBytes} bytes allowed.");
}
