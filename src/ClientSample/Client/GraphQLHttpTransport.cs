using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Client;

/// <summary>
/// Queries and mutations over GraphQL-over-HTTP: a POST asking for <c>application/graphql-response+json</c> (so
/// request errors come with a 4xx status) and still reading <c>application/json</c> from other servers.
/// </summary>
internal sealed class GraphQLHttpTransport(HttpClient http, IOptions<ConnectorClientOptions> options)
{
    private const string GraphQLResponseMediaType = "application/graphql-response+json";

    public async Task<JsonElement> ExecuteAsync(GraphQLOperationRequest request, CancellationToken cancellationToken)
    {
        var endpoint = options.Value.GraphQLEndpoint;
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ReadOnlyMemoryContent(request.ToUtf8()) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseMediaType));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        if (options.Value.ApiToken is { } token)
        {
            message.Headers.Add(ApiTokenHeader.Name, token);
        }

        using var response = await SendAsync(message, endpoint, cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not (GraphQLResponseMediaType or "application/json"))
        {
            throw response.IsSuccessStatusCode
                ? new GraphQLResponseException($"The server answered with '{mediaType}' instead of a GraphQL response.")
                : GraphQLTransportException.Http(response.StatusCode, response.ReasonPhrase);
        }

        JsonDocument document;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw response.IsSuccessStatusCode
                ? new GraphQLResponseException("The server's answer is not valid JSON.", ex)
                : GraphQLTransportException.Http(response.StatusCode, response.ReasonPhrase);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!response.IsSuccessStatusCode && !(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out _)))
            {
                throw GraphQLTransportException.Http(response.StatusCode, response.ReasonPhrase);
            }

            return GraphQLResponseReader.ReadData(root, response.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphQLTransportException($"Cannot reach the server at {endpoint}: {ex.Message}", GraphQLTransportException.ConnectionFailed, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GraphQLTransportException($"The server at {endpoint} did not answer in time.", GraphQLTransportException.Timeout, ex);
        }
    }
}
