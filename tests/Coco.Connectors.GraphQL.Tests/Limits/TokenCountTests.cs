using Coco.Connectors.GraphQL.Limits;
using Coco.Connectors.Tests.Infrastructure;
using GraphQLParser;

namespace Coco.Connectors.Tests.Limits;

/// <summary>The token limit counts exactly what the GraphQL lexer sees as tokens (comments aside).</summary>
public sealed class TokenCountTests
{
    public static TheoryData<string> Documents =>
    [
        IntrospectionQueries.GraphQLJs,
        HostileDocuments.FragmentFanOut(5, "connectors { nodes { id } }"),
        HostileDocuments.InList(20),
        HostileDocuments.Skips(7),
        "query Q($a: [Int!]! = [1, -2, 3.5e+10, -0.25E-3], $b: String = \"x\\\"y\\\\z\\u00e9\") @dir(a: \"\"\"block \\\"\"\" \"q\"\n line\"\"\")"
            + " { ...F, ... on Q { a(b: {c: [\"\", \"\\\"\"]}) } # a comment with \"quotes\"\n f(x: null, y: true, z: ENUM) }\uFEFF fragment F on Q { __typename }",
        "mutation { createConnector(input: {name: \"n\", config: {token: \"t\\tab\", nested: {list: [1, 2.5, \"3\"]}}}) { connector { id } } }",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_token_limit_counts_what_the_lexer_counts(string document)
    {
        var tokens = LexerTokens(document);

        DocumentLimits.CheckTokens(document, new GraphQLLimitsOptions { MaxTokens = tokens });
        var error = Assert.Throws<RequestLimitError>(() => DocumentLimits.CheckTokens(document, new GraphQLLimitsOptions { MaxTokens = tokens - 1 }));
        Assert.Equal(LimitCodes.MaxTokens, error.Code);
    }

    [Fact]
    public void The_schema_file_counts_the_same()
    {
        var sdl = File.ReadAllText(RepositoryFiles.PathOf("schema.graphql"));
        var tokens = LexerTokens(sdl);
        DocumentLimits.CheckTokens(sdl, new GraphQLLimitsOptions { MaxTokens = tokens });
        Assert.Throws<RequestLimitError>(() => DocumentLimits.CheckTokens(sdl, new GraphQLLimitsOptions { MaxTokens = tokens - 1 }));
    }

    private static int LexerTokens(string document)
    {
        ROM source = document;
        var (position, count) = (0, 0);
        while (Lexer.Lex(source, position) is { Kind: not TokenKind.EOF } token)
        {
            count += token.Kind == TokenKind.COMMENT ? 0 : 1;
            position = token.End;
        }

        return count;
    }
}
