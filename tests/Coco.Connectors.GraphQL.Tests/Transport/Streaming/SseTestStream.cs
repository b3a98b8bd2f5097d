using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>One server-sent event: a named event with its data, or a comment line (keep-alive).</summary>
public sealed record SseEvent(string? Name, string Data, bool IsComment)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Data);
        return document.RootElement.Clone();
    }
}

/// <summary>Reads an SSE response event by event over a real HTTP connection.</summary>
public sealed class SseTestStream : IDisposable
{
    private readonly StreamReader _reader;

    private SseTestStream(HttpResponseMessage response, Stream body)
    {
        Response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response { get; }

    public static HttpRequestMessage Post(string query, object? variables = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    public static HttpRequestMessage Get(string queryString)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "graphql?" + queryString);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    public static async Task<SseTestStream> OpenAsync(HttpClient client, HttpRequestMessage request)
    {
        using var timeout = new CancellationTokenSource(Patience.Limit);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return new SseTestStream(response, await response.Content.ReadAsStreamAsync(timeout.Token));
    }

    /// <summary>The next event, skipping keep-alive comments unless asked for them; null at the end of the stream.</summary>
    public async Task<SseEvent?> ReadAsync(bool skipComments = true)
    {
        using var timeout = new CancellationTokenSource(Patience.Limit);
        string? name = null;
        var data = new List<string>();
        var comment = false;
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (comment && name is null && data.Count == 0)
                {
                    if (!skipComments)
                    {
                        return new SseEvent(null, "", IsComment: true);
                    }

                    comment = false;
                    continue;
                }

                return new SseEvent(name, string.Join('\n', data), IsComment: false);
            }

            if (line.StartsWith(':'))
            {
                comment = true;
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart(' '));
            }
        }

        return null;
    }

    public async Task<SseEvent> ReadAsync(string expectedName)
    {
        var next = await ReadAsync() ?? throw new InvalidOperationException("The event stream ended.");
        Assert.True(next.Name == expectedName, $"Expected '{expectedName}' but got '{next.Name}': {next.Data}");
        return next;
    }

    public void Dispose()
    {
        _reader.Dispose();
        Response.Dispose();
    }
}
