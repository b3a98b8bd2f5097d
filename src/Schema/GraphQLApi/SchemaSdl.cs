using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// The schema as SDL, printed one fixed way for <c>GET /graphql?sdl</c> and the checked-in <c>schema.graphql</c>.
/// Types and fields keep their declared order (no sorting), so the SDL reads the way the schema is written.
/// </summary>
public static class SchemaSdl
{
    private static readonly PrintOptions Options = new()
    {
        IncludeDescriptions = true,
        IncludeDeprecationReasons = true,
        StringComparison = null,
    };

    /// <summary>The SDL with '\n' line ends and one final newline, whatever the platform.</summary>
    public static string Print(ISchema schema) =>
        schema.Print(Options).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
}
