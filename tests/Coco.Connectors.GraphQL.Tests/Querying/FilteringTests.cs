using System.Globalization;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.Querying;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Every filter operation on the seeded dataset, checked twice: in the database through GraphQL, and in memory through
/// <see cref="ConnectorFilter.Matches"/> (what subscriptions use) — the two must agree.
/// </summary>
public sealed class FilteringTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    public static TheoryData<string, string> Cases => new()
    {
        // String operations: case-sensitive, unicode-aware.
        { """{name: {eq: "beta"}}""", "B" },
        { """{name: {eq: "Beta"}}""", "" },
        { """{name: {neq: "beta"}}""", "ACDEFGH" },
        { """{name: {contains: "eta"}}""", "BF" },
        { """{name: {contains: "ETA"}}""", "" },
        { """{name: {ncontains: "eta"}}""", "ACDEGH" },
        { """{name: {startsWith: "Ga"}}""", "C" },
        { """{name: {startsWith: "ga"}}""", "" },
        { """{name: {nstartsWith: "Ga"}}""", "ABDEFGH" },
        { """{name: {endsWith: "Drive"}}""", "C" },
        { """{name: {endsWith: "drive"}}""", "" },
        { """{name: {nendsWith: "a"}}""", "CEH" },
        { """{name: {in: ["Alpha", "epsilon", "nope"]}}""", "AE" },
        { """{name: {nin: ["Alpha", "epsilon"]}}""", "BCDFGH" },
        { """{name: {startsWith: "Δ"}}""", "D" },
        { """{name: {eq: "Éta"}}""", "G" },
        { """{name: {contains: "É"}}""", "G" },
        { """{name: {contains: "é"}}""", "" },
        { """{description: {contains: "Ünï"}}""", "D" },
        { """{description: {contains: "ünï"}}""", "" },
        { """{description: {endsWith: "déscription"}}""", "D" },
        { """{description: {contains: "GitHub"}}""", "A" },
        { """{description: {contains: "GITHUB"}}""", "E" },
        { """{description: {endsWith: "repositories"}}""", "A" },
        { """{description: {startsWith: "a much longer prefix than any description"}}""", "" },
        { """{description: {endsWith: "a much longer suffix than any description"}}""", "" },
        { """{id: {eq: "qa-c"}}""", "C" },
        { """{icon: {endsWith: "b"}}""", "AD" },
        { """{url: {startsWith: "https://"}}""", "ACG" },
        { """{url: {contains: "example"}}""", "EG" },
        { """{url: {endsWith: "éta.example"}}""", "G" },

        // Null semantics: eq/neq/in/nin null test for a missing value; negations include missing values.
        { """{description: {eq: null}}""", "BH" },
        { """{description: {neq: null}}""", "ACDEFG" },
        { """{category: {eq: null}}""", "EH" },
        { """{icon: {eq: null}}""", "BEH" },
        { """{icon: {eq: ""}}""", "G" },
        { """{url: {eq: null}}""", "BDFH" },
        { """{description: {contains: "zeta"}}""", "F" },
        { """{description: {ncontains: "zeta"}}""", "ABCDEGH" },
        { """{description: {nstartsWith: "G"}}""", "ABDFGH" },
        { """{category: {in: ["code", null]}}""", "ABEH" },
        { """{category: {nin: ["code", null]}}""", "CDFG" },
        { """{category: {in: []}}""", "" },
        { """{name: null}""", "ABCDEFGH" },
        { "{}", "ABCDEFGH" },

        // and/or inside a string filter and on the entity.
        { """{name: {or: [{startsWith: "A"}, {endsWith: "on"}]}}""", "AE" },
        { """{name: {and: [{contains: "e"}, {contains: "t"}]}}""", "BDF" },
        { """{or: [{name: {eq: "Alpha"}}, {category: {eq: "website"}}]}""", "AG" },
        { """{and: [{enabled: {eq: true}}, {category: {startsWith: "c"}}]}""", "AC" },
        { """{or: [{and: [{enabled: {eq: false}}, {category: {eq: "Code"}}]}, {name: {eq: "Hollow"}}]}""", "FH" },
        { """{enabled: {eq: true}, category: {eq: "code"}}""", "A" },
        { """{or: []}""", "ABCDEFGH" },

        // Booleans.
        { """{enabled: {eq: true}}""", "ACDEGH" },
        { """{enabled: {eq: false}}""", "BF" },
        { """{enabled: {neq: true}}""", "BF" },
        { """{enabled: {eq: null}}""", "" },
        { """{pathHierarchy: {eq: true}}""", "ACG" },
        { """{builtin: {eq: false}}""", "ABCDEFGH" },
        { """{builtin: {eq: true}}""", "" },
        { """{oauthConnectImplemented: {eq: true}}""", "ACF" },
        { """{oauthConnectImplemented: {neq: true}}""", "BDEGH" },

        // The nested processor filter.
        { """{processor: {enabled: {eq: true}}}""", "ACDF" },
        { """{processor: {name: {eq: "github"}}}""", "AE" },
        { """{processor: {name: {eq: null}}}""", "BFH" },
        { """{processor: {name: {startsWith: "D"}}}""", "D" },
        { """{processor: {or: [{name: {eq: "web"}}, {enabled: {eq: false}, name: {eq: "github"}}]}}""", "EG" },
        { """{processor: {and: [{enabled: {eq: true}}, {name: {neq: null}}]}}""", "ACD" },

        // Lists of strings.
        { """{tags: {some: {eq: "git"}}}""", "AE" },
        { """{tags: {some: {startsWith: "dr"}}}""", "C" },
        { """{tags: {none: {eq: "git"}}}""", "BCDFGH" },
        { """{tags: {all: {eq: "qt"}}}""", "BGH" },
        { """{tags: {all: {startsWith: "q"}}}""", "BGH" },
        { """{tags: {any: true}}""", "ABCDEFG" },
        { """{tags: {any: false}}""", "H" },
        { """{tags: {some: {eq: "code"}}}""", "" },
        { """{tags: {some: {eq: "Code"}}}""", "A" },
        { """{tags: {some: {contains: "ünï"}}}""", "D" },
        { """{tags: {some: {endsWith: "eta"}}}""", "F" },
        { """{tags: {some: {in: ["zeta", "drive"]}}}""", "CF" },
        { """{tags: {some: {or: [{eq: "zeta"}, {eq: "drive"}]}}}""", "CF" },

        // Date-times (A was created at Epoch + 1 min … H at + 8 min); offsets are honoured.
        { """{created: {eq: "2025-01-01T00:03:00Z"}}""", "C" },
        { """{created: {eq: "2025-01-01T08:03:00+08:00"}}""", "C" },
        { """{created: {neq: "2025-01-01T00:03:00Z"}}""", "ABDEFGH" },
        { """{created: {in: ["2025-01-01T00:01:00Z", "2025-01-01T00:08:00Z"]}}""", "AH" },
        { """{created: {nin: ["2025-01-01T00:01:00Z", "2025-01-01T00:08:00Z"]}}""", "BCDEFG" },
        { """{created: {gt: "2025-01-01T00:04:00Z"}}""", "EFGH" },
        { """{created: {ngt: "2025-01-01T00:04:00Z"}}""", "ABCD" },
        { """{created: {gte: "2025-01-01T00:04:00Z"}}""", "DEFGH" },
        { """{created: {ngte: "2025-01-01T00:04:00Z"}}""", "ABC" },
        { """{created: {lt: "2025-01-01T00:02:00Z"}}""", "A" },
        { """{created: {nlt: "2025-01-01T00:02:00Z"}}""", "BCDEFGH" },
        { """{created: {lte: "2025-01-01T00:02:00Z"}}""", "AB" },
        { """{created: {nlte: "2025-01-01T00:02:00Z"}}""", "CDEFGH" },
        { """{created: {gt: "2025-01-01T00:02:30Z", lt: "2025-01-01T00:05:30Z"}}""", "CDE" },
        { """{updated: {gte: "2025-01-01T00:07:00Z"}}""", "GH" },
        { """{created: {eq: null}}""", "" },

        // Versions (the seeding saves rows again): A 2, B 3, C 1, D 2, E 3, F 1, G 2, H 3.
        { """{version: {eq: 2}}""", "ADG" },
        { """{version: {neq: 2}}""", "BCEFH" },
        { """{version: {in: [1, 3]}}""", "BCEFH" },
        { """{version: {nin: [1, 3]}}""", "ADG" },
        { """{version: {gt: 1}}""", "ABDEGH" },
        { """{version: {ngt: 1}}""", "CF" },
        { """{version: {gte: 3}}""", "BEH" },
        { """{version: {lt: 2}}""", "CF" },
        { """{version: {lte: 2, ngte: 2}}""", "CF" },
        { """{version: {nlt: 3, nlte: 3}}""", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Filter_matches_the_expected_connectors_in_the_database(string where, string expected)
    {
        await server.EnsureSeededAsync();
        Assert.Equal(QueryDataset.Ids(expected), await IdsAsync(where));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Filter_evaluated_in_memory_agrees_with_the_database(string where, string expected)
    {
        await server.EnsureSeededAsync();
        var connectors = await server.Services.GetRequiredService<ConnectorReader>()
            .FindManyAsync(QueryDataset.Rows.Select(r => r.Id).ToList(), CancellationToken.None);
        var filter = WhereCompiler.Compile(ParseFilterLiteral(where));
        var matching = connectors.Values.Where(filter.Matches).Select(c => c.Id).Order(StringComparer.Ordinal);
        Assert.Equal(QueryDataset.Ids(expected), matching);
    }

    [Fact]
    public async Task Explicit_null_through_variables_is_is_null()
    {
        await server.EnsureSeededAsync();
        var response = await server.GraphQL.ExecuteAsync(
            "query($w: ConnectorFilterInput!) { connectors(first: 50, order: [{id: ASC}], where: {and: [" + QueryDataset.Scope + ", $w]}) { nodes { id } } }",
            new { w = new { description = new { eq = (string?)null } } });
        Assert.Equal(QueryDataset.Ids("BH"), Ids(response));
    }

    [Theory]
    [InlineData("""{name: {contains: null}}""", "contains", "StringOperationFilterInput")]
    [InlineData("""{name: {nstartsWith: null}}""", "nstartsWith", "StringOperationFilterInput")]
    [InlineData("""{name: {endsWith: null}}""", "endsWith", "StringOperationFilterInput")]
    [InlineData("""{name: {in: null}}""", "in", "StringOperationFilterInput")]
    [InlineData("""{created: {gt: null}}""", "gt", "DateTimeOperationFilterInput")]
    [InlineData("""{created: {nlte: null}}""", "nlte", "DateTimeOperationFilterInput")]
    [InlineData("""{tags: {some: {startsWith: null}}}""", "startsWith", "StringOperationFilterInput")]
    [InlineData("""{version: {gte: null}}""", "gte", "IntOperationFilterInput")]
    public async Task Null_for_an_operation_that_cannot_take_it_is_HC0026(string where, string operation, string filterType)
    {
        await server.EnsureSeededAsync();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(where: {{where}}) { nodes { id } } }""");
        Assert.Equal("HC0026", response.ErrorCode);
        Assert.Contains($"`{operation}`", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(filterType, response.FirstError.GetProperty("extensions").GetProperty("filterType").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.GetProperty("connectors").ValueKind);
    }

    [Fact]
    public async Task Null_contains_through_a_variable_is_HC0026()
    {
        var response = await server.GraphQL.ExecuteAsync(
            "query($w: ConnectorFilterInput) { connectors(where: $w) { nodes { id } } }", new { w = new { name = new { contains = (string?)null } } });
        Assert.Equal("HC0026", response.ErrorCode);
    }

    [Fact]
    public async Task Free_text_query_is_case_insensitive_unlike_contains()
    {
        await server.EnsureSeededAsync();
        var response = await server.GraphQL.ExecuteAsync(
            "{ connectors(first: 50, query: \"GITHUB\", order: [{id: ASC}], where: " + QueryDataset.Scope + ") { nodes { id } } }");
        Assert.Equal(QueryDataset.Ids("AE"), Ids(response));
        var unicode = await server.GraphQL.ExecuteAsync(
            "{ connectors(first: 50, query: \"ÜNÏCODE\", order: [{id: ASC}], where: " + QueryDataset.Scope + ") { nodes { id } } }");
        Assert.Equal(QueryDataset.Ids("D"), Ids(unicode));
    }

    [Theory]
    [InlineData("""{name: {contains: "lph"}}""")]
    [InlineData("""{name: {startsWith: "Al"}}""")]
    [InlineData("""{name: {endsWith: "ha"}}""")]
    [InlineData("""{tags: {some: {startsWith: "gi"}}}""")]
    [Trait("Store", "SqliteOnly")] // PostgreSQL's LIKE is case-sensitive, and its contains uses it for the trigram index
    public async Task String_operations_never_use_sqlite_LIKE_which_ignores_case(string where)
    {
        await server.EnsureSeededAsync();
        server.Sql.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(where: {{where}}) { nodes { id } } }""");
        response.Ok();
        var sql = string.Join("\n", server.Sql.Commands);
        Assert.Contains("connectors", sql, StringComparison.Ordinal);
        Assert.DoesNotContain(" LIKE ", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("GLOB", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Filtering_on_config_is_rejected_by_validation()
    {
        var response = await server.GraphQL.ExecuteAsync("""{ connectors(where: {config: {eq: "x"}}) { nodes { id } } }""");
        Assert.True(response.HasErrors);
        Assert.False(response.Root.TryGetProperty("data", out _), response.ToString());
        Assert.Contains("config", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorting_on_config_is_rejected_by_validation()
    {
        var response = await server.GraphQL.ExecuteAsync("""{ connectors(order: [{config: ASC}]) { nodes { id } } }""");
        Assert.True(response.HasErrors);
        Assert.False(response.Root.TryGetProperty("data", out _), response.ToString());
    }

    [Fact]
    public void Filter_compiler_refuses_config_paths_given_directly()
    {
        var e = Assert.Throws<QueryException>(() => WhereCompiler.Compile(
            new Dictionary<string, object?> { ["config"] = new Dictionary<string, object?> { ["eq"] = "x" } }));
        Assert.Equal(QueryErrorCodes.FilterUnknownField, e.Code);
    }

    [Fact]
    public async Task Nested_or_lists_are_capped_in_all_not_only_per_list()
    {
        // 64 × 64 conditions: each list is within its 64, but the statement used to reach SQLite, which answered
        // "Expression tree is too large" (INTERNAL_ERROR) after a second of CPU.
        var w = new { or = Enumerable.Range(0, 64).Select(i => new { or = Enumerable.Range(0, 64).Select(j => new { name = new { contains = $"x{i}_{j}" } }) }) };
        var response = await server.GraphQL.ExecuteAsync(
            "query($w: ConnectorFilterInput) { connectors(where: $w) { nodes { id } } }", new { w });
        Assert.Equal(QueryErrorCodes.TooManyTerms, response.ErrorCode);
        var e = Assert.Throws<QueryException>(() => WhereCompiler.Compile(new Dictionary<string, object?>
        {
            ["or"] = Enumerable.Range(0, 5).Select(_ => (object?)new Dictionary<string, object?>
            {
                ["category"] = new Dictionary<string, object?> { ["in"] = Enumerable.Range(0, 60).Select(v => (object?)$"c{v}").ToList() },
            }).ToList(),
        }));
        Assert.Equal(QueryErrorCodes.TooManyTerms, e.Code);
        Assert.NotNull(WhereCompiler.Compile(new Dictionary<string, object?>
        {
            ["or"] = Enumerable.Range(0, 4).Select(_ => (object?)new Dictionary<string, object?>
            {
                ["category"] = new Dictionary<string, object?> { ["in"] = Enumerable.Range(0, 64).Select(v => (object?)$"c{v}").ToList() },
            }).ToList(),
        }).Predicate);
    }

    [Fact]
    public void In_memory_filter_tests_one_changed_connector()
    {
        var filter = WhereCompiler.Compile(new Dictionary<string, object?>
        {
            ["enabled"] = new Dictionary<string, object?> { ["eq"] = true },
            ["description"] = new Dictionary<string, object?> { ["ncontains"] = "secret" },
        });
        Assert.True(filter.Matches(new Connector { Id = "x", Enabled = true, Description = null }));
        Assert.False(filter.Matches(new Connector { Id = "x", Enabled = false }));
        Assert.False(filter.Matches(new Connector { Id = "x", Enabled = true, Description = "top secret" }));
        Assert.True(ConnectorFilter.None.Matches(new Connector { Id = "x" }));
    }

    private async Task<string[]> IdsAsync(string where) =>
        Ids(await server.GraphQL.ExecuteAsync(
            $$"""{ connectors(first: 50, order: [{id: ASC}], where: {and: [{{QueryDataset.Scope}}, {{where}}]}) { nodes { id } } }"""));

    internal static string[] Ids(GraphQLResponse response) =>
        [.. response.Ok().GetProperty("connectors").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    /// <summary>A GraphQL object literal as the dictionaries GraphQL hands the resolver (date-times as UTC DateTime).</summary>
    private static IDictionary<string, object?> ParseFilterLiteral(string literal)
    {
        var document = Parser.Parse("{ f(w: " + literal + ") }");
        var field = (GraphQLField)((GraphQLOperationDefinition)document.Definitions[0]).SelectionSet.Selections[0];
        return (IDictionary<string, object?>)Convert(field.Arguments![0].Value)!;
    }

    private static object? Convert(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLIntValue n => int.Parse(n.Value.Span, CultureInfo.InvariantCulture),
        GraphQLStringValue s when DateTimeOffset.TryParse((string)s.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && ((string)s.Value).Contains('T', StringComparison.Ordinal) => t.UtcDateTime,
        GraphQLStringValue s => (string)s.Value,
        GraphQLListValue list => (list.Values ?? []).Select(Convert).ToList(),
        GraphQLObjectValue obj => (obj.Fields ?? []).ToDictionary(f => (string)f.Name.Value, f => Convert(f.Value)),
        _ => throw new NotSupportedException(value.Kind.ToString()),
    };
}
