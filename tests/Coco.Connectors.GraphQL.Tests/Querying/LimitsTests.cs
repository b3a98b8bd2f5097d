namespace Coco.Connectors.Tests.Querying;

/// <summary>The limits on one request: where nesting, document depth and cost — each error names its limit (more in Limits/).</summary>
public sealed class LimitsTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    [Fact]
    public async Task Where_may_nest_and_or_eight_levels_deep()
    {
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(where: {{Nested(8)}}) { nodes { id } } }""");
        response.Ok();
    }

    [Theory]
    [InlineData(9)]
    [InlineData(30)]
    public async Task Where_nested_deeper_is_refused_naming_the_limit(int depth)
    {
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(where: {{Nested(depth)}}) { nodes { id } } }""");
        Assert.Equal("FILTER_NESTING_LIMIT", response.ErrorCode);
        Assert.Contains("nesting depth limit is 8", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, response.FirstError.GetProperty("extensions").GetProperty("maxDepth").GetInt32());
    }

    [Fact]
    public async Task String_operation_and_or_count_towards_the_nesting_limit()
    {
        var inner = """{eq: "x"}""";
        for (var i = 0; i < 9; i++)
        {
            inner = $"{{or: [{inner}]}}";
        }

        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(where: {name: {{inner}}}) { nodes { id } } }""");
        Assert.Equal("FILTER_NESTING_LIMIT", response.ErrorCode);
    }

    [Fact]
    public async Task Too_costly_documents_are_refused_naming_the_limit()
    {
        var fields = string.Join(" ", Enumerable.Range(0, 30).Select(i =>
            $"a{i}: connectors(first: 50) {{ edges {{ cursor node {{ id name description category tags processor {{ name enabled }} }} }} nodes {{ id name url }} }}"));
        var response = await server.GraphQL.ExecuteAsync("{ " + fields + " }");
        Assert.True(response.HasErrors);
        Assert.False(response.Root.TryGetProperty("data", out _));
        Assert.Equal("COST_EXCEEDED", response.ErrorCode);
        Assert.Contains("at most 25,000", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(25_000, response.FirstError.GetProperty("extensions").GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task A_full_page_with_everything_selected_is_within_the_limits()
    {
        var response = await server.GraphQL.ExecuteAsync("""
            { connectors(first: 50) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { id name description category icon tags url pathHierarchy assets { icons } builtin config
                  oauthConnectImplemented processor { enabled name } enabled created updated version } }
                nodes { id name description category icon tags url pathHierarchy assets { icons } builtin config
                  oauthConnectImplemented processor { enabled name } enabled created updated version } }
              connectorsPage(take: 50) { items { id name tags } }
              connectorCategories { category count } }
            """);
        response.Ok();
    }

    [Fact]
    public async Task Introspection_for_the_playground_still_works()
    {
        var response = await server.GraphQL.ExecuteAsync(IntrospectionQuery);
        var types = response.Ok().GetProperty("__schema").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("ConnectorFilterInput", types);
        Assert.Contains("ConnectorsConnection", types);
    }

    [Fact]
    public async Task Too_deep_documents_are_refused_naming_the_limit()
    {
        var selection = "name";
        for (var i = 0; i < 25; i++)
        {
            selection = $"ofType {{ {selection} }}";
        }

        var response = await server.GraphQL.ExecuteAsync("{ __type(name: \"Connector\") { fields { type { " + selection + " } } } }");
        Assert.Equal("MAX_DEPTH_EXCEEDED", response.ErrorCode);
        Assert.Contains("at most 20", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Nested(int depth)
    {
        var filter = """{name: {neq: "x"}}""";
        for (var i = 0; i < depth; i++)
        {
            filter = i % 2 == 0 ? $"{{and: [{filter}]}}" : $"{{or: [{filter}]}}";
        }

        return filter;
    }

    /// <summary>The introspection query GraphiQL sends (TypeRef nested as deep as GraphiQL's).</summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        }
        """;
}
