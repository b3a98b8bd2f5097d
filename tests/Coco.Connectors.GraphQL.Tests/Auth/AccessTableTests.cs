using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Auth;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Auth;

/// <summary>
/// Every REST route and every GraphQL query and mutation field × {no credentials, wrong token, expired, revoked,
/// missing permission, right permission}, over the real server: Coco's 401/403 bodies on REST, HotChocolate's codes
/// and the GraphQL-over-HTTP statuses on /graphql.
/// </summary>
public sealed class AccessTableTests(AuthServer server) : IClassFixture<AuthServer>
{
    public enum Credentials
    {
        None,
        Wrong,
        Expired,
        Revoked,
        MissingPermission,
        RightPermission,
        BearerRightPermission,
    }

    public static TheoryData<string, string, string, Credentials> RestCases()
    {
        var routes = new (string Method, string Path, string Permission)[]
        {
            ("POST", "/connector/", Permissions.Create),
            ("GET", "/connector/_search", Permissions.Search),
            ("POST", "/connector/_search", Permissions.Search),
            ("GET", "/connector/github", Permissions.Read),
            ("PUT", "/connector/{new}", Permissions.Update),
            ("DELETE", "/connector/{new}", Permissions.Delete),
            ("GET", "/connector/_audit", Permissions.Audit),
        };
        var data = new TheoryData<string, string, string, Credentials>();
        foreach (var (method, path, permission) in routes)
        {
            foreach (var credentials in Enum.GetValues<Credentials>())
            {
                data.Add(method, path, permission, credentials);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RestCases))]
    public async Task Rest_route_answers_as_Coco_does_for_each_kind_of_credentials(string method, string path, string permission, Credentials credentials)
    {
        var id = await CreateConnectorAsync();
        using var client = server.CreateAnonymousHttpClient();
        var body = method switch
        {
            "POST" when path == "/connector/" => """{"name":"made by the access table"}""",
            "POST" => "{}",
            "PUT" => """{"description":"changed by the access table"}""",
            _ => null,
        };
        var token = await TokenAsync(credentials, permission);
        var response = await client.SendJsonAsync(new HttpMethod(method), path.Replace("{new}", id, StringComparison.Ordinal), body, request =>
        {
            if (token is not null)
            {
                request.Headers.Add(credentials == Credentials.BearerRightPermission ? "Authorization" : "X-API-TOKEN",
                    credentials == Credentials.BearerRightPermission ? "Bearer " + token : token);
            }
        });

        switch (credentials)
        {
            case Credentials.MissingPermission:
                Assert.Equal(HttpStatusCode.Forbidden, response.Status);
                Assert.Equal(403, (int)response.Object["status"]!);
                Assert.Equal($"permission [[{permission}]] not allowed", (string?)response.Object["error"]!["reason"]);
                break;
            case Credentials.RightPermission or Credentials.BearerRightPermission:
                Assert.Equal(HttpStatusCode.OK, response.Status);
                break;
            default:
                Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
                Assert.Equal(401, (int)response.Object["status"]!);
                Assert.Equal("invalid login", (string?)response.Object["error"]!["reason"]);
                break;
        }

        // A refused write changed nothing.
        if (credentials is not (Credentials.RightPermission or Credentials.BearerRightPermission))
        {
            var stored = await server.StoredAsync(id);
            Assert.NotNull(stored);
            Assert.Null(stored.Description);
        }
    }

    public static TheoryData<string, string, Credentials> GraphQLCases()
    {
        var fields = new (string Document, string Permission)[]
        {
            ("""{ node(id: "github") { id } }""", Permissions.Read),
            ("""{ nodes(ids: ["github"]) { id } }""", Permissions.Read),
            ("""{ connectorById(id: "github") { id } }""", Permissions.Read),
            ("""{ connectorsById(ids: ["github"]) { id } }""", Permissions.Read),
            ("{ connectors(first: 1) { totalCount } }", Permissions.Search),
            ("{ connectorsPage(take: 1) { totalCount } }", Permissions.Search),
            ("{ connectorCategories { category } }", Permissions.Search),
            ("{ auditLog(first: 1) { nodes { kind caller } } }", Permissions.Audit),
            ("""mutation { createConnector(input: { name: "made over GraphQL" }) { connector { id } } }""", Permissions.Create),
            ("""mutation { updateConnector(input: { id: "{new}", description: "changed" }) { connector { id } } }""", Permissions.Update),
            ("""mutation { deleteConnector(input: { id: "{new}" }) { deletedId } }""", Permissions.Delete),
        };
        var data = new TheoryData<string, string, Credentials>();
        foreach (var (document, permission) in fields)
        {
            foreach (var credentials in Enum.GetValues<Credentials>())
            {
                data.Add(document, permission, credentials);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GraphQLCases))]
    public async Task GraphQL_field_answers_with_HotChocolate_codes_for_each_kind_of_credentials(string document, string permission, Credentials credentials)
    {
        var id = await CreateConnectorAsync();
        using var client = server.CreateAnonymousHttpClient();
        var token = await TokenAsync(credentials, permission);
        var body = new JsonObject { ["query"] = document.Replace("{new}", id, StringComparison.Ordinal) }.ToJsonString();
        var response = await client.SendJsonAsync(HttpMethod.Post, "/graphql", body, request =>
        {
            request.Headers.Add("Accept", "application/graphql-response+json");
            if (token is not null)
            {
                request.Headers.Add(credentials == Credentials.BearerRightPermission ? "Authorization" : "X-API-TOKEN",
                    credentials == Credentials.BearerRightPermission ? "Bearer " + token : token);
            }
        });

        switch (credentials)
        {
            case Credentials.RightPermission or Credentials.BearerRightPermission:
                Assert.Equal(HttpStatusCode.OK, response.Status);
                Assert.Null(response.Object["errors"]);
                break;
            case Credentials.MissingPermission:
                Assert.Equal(HttpStatusCode.Forbidden, response.Status);
                Assert.Equal("AUTH_NOT_AUTHORIZED", (string?)response.Object["errors"]![0]!["extensions"]!["code"]);
                Assert.Contains(permission, (string?)response.Object["errors"]![0]!["message"], StringComparison.Ordinal);
                Assert.Null(response.Object["data"]);
                break;
            default:
                Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
                Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)response.Object["errors"]![0]!["extensions"]!["code"]);
                Assert.Null(response.Object["data"]);
                break;
        }

        if (credentials is not (Credentials.RightPermission or Credentials.BearerRightPermission))
        {
            Assert.Null((await server.StoredAsync(id))!.Description);
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(AuthServer.Wrong, HttpStatusCode.Unauthorized)]
    [InlineData(AuthServer.Expired, HttpStatusCode.Unauthorized)]
    public async Task Metrics_are_refused_without_a_valid_token(string? token, HttpStatusCode expected)
    {
        using var client = server.CreateAnonymousHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Add("X-API-TOKEN", token);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("coco_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer coco_no-such-token", HttpStatusCode.Unauthorized)]
    [InlineData("Basic dXNlcjpwYXNz", HttpStatusCode.OK)]
    public async Task A_second_token_is_checked_too_so_a_bad_one_cannot_hide_behind_a_good_one(string authorization, HttpStatusCode expected)
    {
        using var client = server.CreateAnonymousHttpClient();
        var response = await client.SendJsonAsync(HttpMethod.Get, "/connector/github", configure: request =>
        {
            request.Headers.Add("X-API-TOKEN", AuthServer.TokenFor(Permissions.Read));
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        });
        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task Metrics_are_served_to_any_valid_token_whatever_its_permissions()
    {
        using var client = server.CreateAnonymousHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-API-TOKEN", AuthServer.TokenFor(Permissions.Read));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_covers_every_query_and_mutation_field_of_the_schema()
    {
        var sdl = GraphQLParser.Parser.Parse(File.ReadAllText(RepositoryFiles.PathOf("schema.graphql")));
        var rootFields = sdl.Definitions.OfType<GraphQLParser.AST.GraphQLObjectTypeDefinition>()
            .Where(t => t.Name.StringValue is "Query" or "Mutation")
            .SelectMany(t => t.Fields!.Items.Select(f => f.Name.StringValue))
            .Order(StringComparer.Ordinal);
        var tabled = GraphQLCases().Select(row => (string)row[0])
            .Select(document => System.Text.RegularExpressions.Regex.Match(document, @"\{\s*(\w+)").Groups[1].Value)
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(rootFields, tabled);
    }

    [Fact]
    public async Task Under_application_json_a_refused_field_is_200_with_the_code_as_the_spec_asks()
    {
        using var client = server.CreateAnonymousHttpClient();
        var response = await client.SendJsonAsync(HttpMethod.Post, "/graphql", """{"query":"{ connectors { totalCount } }"}""",
            request => request.Headers.Add("X-API-TOKEN", AuthServer.TokenFor(Permissions.Read)));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (string?)response.Object["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Without_a_token_validation_errors_suggest_no_names_from_the_schema()
    {
        const string Body = """{"query":"{ connectorz { id } }"}""";
        using var anonymous = server.CreateAnonymousHttpClient();
        var refused = await anonymous.SendJsonAsync(HttpMethod.Post, "/graphql", Body);
        var message = (string?)refused.Object["errors"]![0]!["message"];
        Assert.Contains("connectorz", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("'connectors'", refused.Text, StringComparison.Ordinal);

        using var withToken = server.CreateHttpClient();
        var helped = await withToken.SendJsonAsync(HttpMethod.Post, "/graphql", Body);
        Assert.Contains("Did you mean", (string?)helped.Object["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspection_needs_a_caller_but_no_permission_and_typename_is_free()
    {
        using var client = server.CreateAnonymousHttpClient();
        var anonymous = await client.SendJsonAsync(HttpMethod.Post, "/graphql", """{"query":"{ __schema { queryType { name } } }"}""");
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)anonymous.Object["errors"]![0]!["extensions"]!["code"]);

        var typename = await client.SendJsonAsync(HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""");
        Assert.Equal("Query", (string?)typename.Object["data"]!["__typename"]);

        var withToken = await client.SendJsonAsync(HttpMethod.Post, "/graphql", """{"query":"{ __schema { queryType { name } } }"}""",
            request => request.Headers.Add("X-API-TOKEN", AuthServer.TokenFor(Permissions.Delete)));
        Assert.Equal("Query", (string?)withToken.Object["data"]!["__schema"]!["queryType"]!["name"]);

        // The SDL is introspection too.
        var sdl = await client.GetJsonAsync("/graphql?sdl");
        Assert.Equal(HttpStatusCode.Unauthorized, sdl.Status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (string?)sdl.Object["errors"]![0]!["extensions"]!["code"]);
        using var withSdlToken = server.CreateHttpClient();
        Assert.Contains("type Query", await withSdlToken.GetStringAsync(new Uri("/graphql?sdl", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_created_with_the_command_works_and_records_its_last_use()
    {
        using var output = new StringWriter();
        var exit = await Server.Auth.TokensCommand.RunAsync(server.Services,
            ["tokens", "create", "--name", "cli-made", "--permissions", "coco#connector/read,coco#connector/search", "--expires", "90d"], output, TextReader.Null);
        Assert.Equal(0, exit);
        var token = output.ToString().Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("coco_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await server.SnapshotAsync(), StringComparison.Ordinal);
        await server.RefreshTokensAsync();

        using var client = server.CreateAnonymousHttpClient();
        client.DefaultRequestHeaders.Add("X-API-TOKEN", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("/connector/github")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Delete, "/connector/github")).Status);

        await server.RefreshTokensAsync(); // writes the last-used stamp
        using var list = new StringWriter();
        Assert.Equal(0, await Server.Auth.TokensCommand.RunAsync(server.Services, ["tokens", "list"], list, TextReader.Null));
        var line = list.ToString().Split('\n').Single(l => l.StartsWith("cli-made\t", StringComparison.Ordinal));
        Assert.DoesNotContain(token, list.ToString(), StringComparison.Ordinal);
        Assert.Equal("active", line.Split('\t')[5].Trim());
        Assert.NotEqual("-", line.Split('\t')[3]);

        using var revoke = new StringWriter();
        Assert.Equal(0, await Server.Auth.TokensCommand.RunAsync(server.Services, ["tokens", "revoke", "cli-made"], revoke, TextReader.Null));
        await server.RefreshTokensAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetJsonAsync("/connector/github")).Status);
    }

    [Theory]
    [InlineData("create", "--name", "x")]
    [InlineData("create", "--name", "bad name!", "--permissions", "*")]
    [InlineData("create", "--name", "y", "--permissions", "coco#connector/fly")]
    [InlineData("create", "--name", "z", "--permissions", "*", "--expires", "soon")]
    public async Task The_tokens_command_explains_bad_arguments(params string[] args)
    {
        using var output = new StringWriter();
        Assert.Equal(2, await Server.Auth.TokensCommand.RunAsync(server.Services, ["tokens", .. args], output, TextReader.Null));
        Assert.NotEmpty(output.ToString().Trim());
    }

    private async Task<string?> TokenAsync(Credentials credentials, string permission) => credentials switch
    {
        Credentials.None => null,
        Credentials.Wrong => AuthServer.Wrong,
        Credentials.Expired => AuthServer.Expired,
        Credentials.Revoked => await server.RevokedTokenAsync(),
        Credentials.MissingPermission => AuthServer.TokenFor(Permissions.Known.First(p => p != permission && p != Permissions.All)),
        _ => AuthServer.TokenFor(permission),
    };

    private async Task<string> CreateConnectorAsync()
    {
        using var client = server.CreateHttpClient();
        var created = await client.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"access table target"}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (string)created.Object["_id"]!;
    }
}
