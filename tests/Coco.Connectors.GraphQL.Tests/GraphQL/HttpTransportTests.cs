using System.Net.Http.Headers;
using System.Text;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.GraphQL;

/// <summary>GraphQL over HTTP at /graphql: negotiation, status codes, request shapes and limits (CONTRACT §3).</summary>
public sealed class HttpTransportTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string Json = "application/json";
    private const string GraphQLResponseJson = GraphQLTestClient.GraphQLResponseJson;
    private const string UnknownField = "{ nope }";

    [Theory]
    [InlineData(GraphQLResponseJson, GraphQLResponseJson)]
    [InlineData(Json, Json)]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("application/graphql-response+json; charset=utf-8, */*;q=0.1", GraphQLResponseJson)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", Json)]
    public async Task The_response_media_type_follows_Accept(string? accept, string expected)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("{ __typename }", accept: accept);

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.MediaType);
        Assert.Equal("utf-8", response.Message.Content.Headers.ContentType!.CharSet);
        Assert.Equal("Query", response.Ok()["__typename"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("application/json;q=0, text/plain")]
    [InlineData("text/html")]
    public async Task An_unsatisfiable_Accept_is_406(string accept)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("{ __typename }", accept: accept);

        Assert.Equal(406, response.Status);
        Assert.Equal("NOT_ACCEPTABLE", response.FirstErrorCode);
    }

    [Theory]
    [InlineData(UnknownField, "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{ connectorById { id } }", "PROVIDED_NON_NULL_ARGUMENTS")]
    [InlineData("{ connectorById(id: \"github\") { name ", "SYNTAX_ERROR")]
    [InlineData("", "NO_OPERATION")]
    [InlineData("query A { __typename } query B { __typename }", "NO_OPERATION_NAME")]
    public async Task Request_errors_are_400_with_graphql_response_json_and_200_with_json(string query, string code)
    {
        using var client = new GraphQLTestClient(server);
        var strict = await client.PostAsync(query, accept: GraphQLResponseJson);
        var legacy = await client.PostAsync(query, accept: Json);
        var noAccept = await client.PostAsync(query, accept: null);

        Assert.Equal((400, 200, 200), (strict.Status, legacy.Status, noAccept.Status));
        foreach (var response in new[] { strict, legacy, noAccept })
        {
            Assert.Equal(code, response.FirstErrorCode);
            Assert.False(response.Json.AsObject().ContainsKey("data"), response.Text);
        }
    }

    [Fact]
    public async Task Variable_coercion_failures_are_request_errors()
    {
        using var client = new GraphQLTestClient(server);
        const string query = "query($id: ID!) { connectorById(id: $id) { id } }";

        var wrongType = await client.PostAsync(query, new { id = new[] { 1, 2 } });
        var missing = await client.PostAsync(query, new { });
        var legacy = await client.PostAsync(query, new { id = true }, accept: Json);

        Assert.Equal((400, 400, 200), (wrongType.Status, missing.Status, legacy.Status));
        Assert.All(new[] { wrongType, missing, legacy }, r => Assert.Equal("INVALID_VALUE", r.FirstErrorCode));
    }

    [Fact]
    public async Task Variables_are_still_coerced_when_the_document_comes_from_the_cache()
    {
        using var client = new GraphQLTestClient(server);
        const string query = "query CachedCoercion($id: ID!) { connectorById(id: $id) { id } }";
        (await client.PostAsync(query, new { id = "github" })).Ok();

        var response = await client.PostAsync(query, new { id = new { nested = true } });

        Assert.Equal(400, response.Status);
        Assert.Equal("INVALID_VALUE", response.FirstErrorCode);
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync(
            "query A { a: connectorById(id: \"rss\") { id } } query B { b: connectorById(id: \"github\") { id } }", operationName: "B");

        Assert.Equal("github", response.Ok()["b"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json at all", "INVALID_JSON")]
    [InlineData("{\"query\": ", "INVALID_JSON")]
    [InlineData("", "INVALID_JSON")]
    [InlineData("[{\"query\": \"{ __typename }\"}]", "BATCHING_NOT_SUPPORTED")]
    [InlineData("\"{ __typename }\"", "INVALID_REQUEST")]
    [InlineData("{\"qeury\": \"{ __typename }\"}", "INVALID_REQUEST")]
    [InlineData("{\"query\": null}", "INVALID_REQUEST")]
    [InlineData("{\"query\": 42}", "INVALID_REQUEST")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": [7]}", "INVALID_REQUEST")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": \"{}\"}", "INVALID_REQUEST")]
    [InlineData("{\"query\": \"{ __typename }\", \"operationName\": 3}", "INVALID_REQUEST")]
    [InlineData("{\"query\": \"{ __typename }\", \"extensions\": 1}", "INVALID_REQUEST")]
    public async Task A_body_that_is_not_a_GraphQL_request_is_400_under_both_media_types(string body, string code)
    {
        using var client = new GraphQLTestClient(server);
        foreach (var accept in new[] { GraphQLResponseJson, Json })
        {
            var response = await client.PostRawAsync(body, accept: accept);

            Assert.Equal(400, response.Status);
            Assert.Equal(accept, response.MediaType);
            Assert.Equal(code, response.FirstErrorCode);
            Assert.Null(response.Json["data"]);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400_over_http_and_sse()
    {
        using var client = new GraphQLTestClient(server);
        foreach (var accept in new[] { GraphQLResponseJson, "text/event-stream" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
            {
                Content = new ByteArrayContent([.. "{\"query\": \"{ connectorById(id: \\\""u8, 0xC3, 0x28, .. "\\\") { id } }\"}"u8]),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

            var response = await client.SendAsync(request, accept);

            Assert.Equal(400, response.Status);
            Assert.Equal("INVALID_JSON", response.FirstErrorCode);
        }
    }

    [Fact]
    public async Task A_document_nested_too_deep_is_a_400_not_a_500()
    {
        using var client = new GraphQLTestClient(server);
        var deep = new string('[', 200) + new string(']', 200);
        var response = await client.PostAsync("mutation { createConnector(input: {name: \"n\", config: {token: " + deep + "}}) { errors { __typename } } }");

        Assert.True(response.Status == 400, response.Text);
        Assert.Equal("DOCUMENT_TOO_DEEP", response.FirstErrorCode);
    }

    [Fact]
    public async Task Null_variables_and_extensions_are_the_same_as_none()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostRawAsync("""{"query": "{ __typename }", "variables": null, "extensions": null, "operationName": null}""");

        Assert.Equal("Query", response.Ok()["__typename"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task A_POST_body_that_is_not_UTF8_JSON_is_415(string? contentType)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostRawAsync("""{"query": "{ __typename }"}""", contentType: contentType);

        Assert.Equal(415, response.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", response.FirstErrorCode);
    }

    [Fact]
    public async Task Content_type_with_a_utf8_charset_is_accepted()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostRawAsync("""{"query": "{ __typename }"}""", contentType: "application/json; charset=UTF-8");

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task GET_runs_a_query_with_url_encoded_variables_and_operation_name()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.GetAsync(GraphQLTestClient.QueryString(
            "query Other { __typename } query ById($id: ID!) { connectorById(id: $id) { id name } }", new { id = "github" }, "ById"));

        Assert.Equal(GraphQLResponseJson, response.MediaType);
        Assert.Equal("GitHub Connector", response.Ok()["connectorById"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("graphql?query=%7B__typename%7D&variables=%5B1%5D", "INVALID_REQUEST")]
    [InlineData("graphql?query=%7B__typename%7D&variables=%7Bbroken", "INVALID_REQUEST")]
    [InlineData("graphql?operationName=A", "INVALID_REQUEST")]
    [InlineData("graphql", "INVALID_REQUEST")]
    public async Task A_GET_that_is_not_a_GraphQL_request_is_400(string pathAndQuery, string code)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.GetAsync(pathAndQuery);

        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task A_mutation_over_GET_is_405_with_Allow_POST_and_changes_nothing(string accept)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.GetAsync(GraphQLTestClient.QueryString(
            "mutation { createConnector(input: {id: \"via-get\", name: \"x\"}) { connector { id } } }"), accept);

        Assert.Equal(405, response.Status);
        Assert.Equal(["POST"], response.Message.Content.Headers.Allow);
        Assert.Contains("POST", response.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Null(await client.ReadStoredAsync("via-get"));
    }

    [Fact]
    public async Task A_mutation_document_cached_by_POST_is_still_refused_over_GET()
    {
        using var client = new GraphQLTestClient(server);
        const string mutation = "mutation($id: ID!) { deleteConnector(input: {id: $id}) { deletedId } }";
        (await client.PostAsync(mutation, new { id = "nothing-here" })).Ok();

        Assert.NotNull(await client.ReadStoredAsync("github"));

        var response = await client.GetAsync(GraphQLTestClient.QueryString(mutation, new { id = "github" }));

        Assert.Equal(405, response.Status);
        Assert.NotNull(await client.ReadStoredAsync("github"));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task A_subscription_without_a_streaming_transport_is_a_clear_request_error(string method)
    {
        using var client = new GraphQLTestClient(server);
        const string subscription = "subscription { __typename }";
        var response = method == "POST"
            ? await client.PostAsync(subscription)
            : await client.GetAsync(GraphQLTestClient.QueryString(subscription));

        Assert.Equal(400, response.Status);
        Assert.Contains("text/event-stream", response.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Contains("WebSocket", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405_with_Allow_GET_POST(string method)
    {
        using var client = new GraphQLTestClient(server);
        using var request = new HttpRequestMessage(new HttpMethod(method), "graphql")
        {
            Content = new StringContent("""{"query": "{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        var response = await client.SendAsync(request);

        Assert.Equal(405, response.Status);
        Assert.Equal(["GET", "POST"], response.Message.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", response.FirstErrorCode);
    }

    [Fact]
    public async Task GET_sdl_returns_the_schema_as_utf8_text()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.GetAsync("graphql?sdl", accept: null);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/plain", response.MediaType);
        Assert.Equal("utf-8", response.Message.Content.Headers.ContentType!.CharSet);
        Assert.Contains("type Query {", response.Text, StringComparison.Ordinal);
        Assert.Contains("createConnector(", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_GET_without_a_query_gets_a_page_linking_the_sdl()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.GetAsync("graphql", accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html", response.MediaType);
        Assert.Contains("href=\"/graphql?sdl\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_the_server_keeps_answering()
    {
        using var client = new GraphQLTestClient(server);
        var before = await client.CountStoredAsync();
        var huge = "{\"query\": \"mutation { createConnector(input: {name: \\\"big\\\", description: \\\"" + new string('x', 10 * 1024 * 1024) + "\\\"}) { connector { id } } }\"}";

        var response = await client.PostRawAsync(huge);
        var after = await client.PostAsync("{ __typename }");

        Assert.Equal(413, response.Status);
        Assert.Equal("REQUEST_TOO_LARGE", response.FirstErrorCode);
        Assert.Equal(200, after.Status);
        Assert.Equal(before, await client.CountStoredAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        using var client = new GraphQLTestClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"query\": \"" + new string(' ', 2 * 1024 * 1024) + "{ __typename }\"}"))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(413, response.Status);
        Assert.Equal(200, (await client.PostAsync("{ __typename }")).Status);
    }

    [Fact]
    public async Task Bad_requests_leave_the_stored_connectors_unchanged()
    {
        using var client = new GraphQLTestClient(server);
        var github = await client.ReadStoredAsync("github");
        var count = await client.CountStoredAsync();

        await client.PostRawAsync("{\"query\": \"mutation { deleteConnector(input: {id: \\\"github\\\"}) { deletedId } }\"", accept: Json);
        await client.PostRawAsync("""{"query": "mutation { updateConnector(input: {id: \"github\", name: 5}) { connector { id } } }"}""");
        await client.PostRawAsync("""{"query": "mutation { updateConnector(input: {id: \"github\", name: \"x\"}) { connector { id } } }"}""", contentType: "text/plain");
        await client.GetAsync(GraphQLTestClient.QueryString("mutation { updateConnector(input: {id: \"github\", name: \"via GET\"}) { connector { id } } }"));
        await client.PostAsync("mutation { updateConnector(input: {id: \"github\", name: \"x\"}) { connector { id } } nope }");

        var after = await client.ReadStoredAsync("github");
        Assert.Equal((github!.Name, github.Version, github.Updated), (after!.Name, after.Version, after.Updated));
        Assert.Equal(count, await client.CountStoredAsync());
    }
}
