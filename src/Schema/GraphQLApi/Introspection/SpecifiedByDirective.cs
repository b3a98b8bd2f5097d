using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Introspection;

/// <summary>
/// <c>@specifiedBy(url:)</c> of the GraphQL specification (October 2021 and later): where a custom scalar's format is
/// defined. graphql-dotnet 8 does not ship it; introspection reads it back as <c>__Type.specifiedByURL</c>.
/// </summary>
public sealed class SpecifiedByDirective : Directive
{
    public const string DirectiveName = "specifiedBy";

    public const string UrlArgument = "url";

    public SpecifiedByDirective()
        : base(DirectiveName, DirectiveLocation.Scalar)
    {
        Description = "Exposes a URL that specifies the behavior of this scalar.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
        {
            Name = UrlArgument,
            Description = "The URL that specifies the behavior of this scalar.",
        });
    }

    /// <summary>A type-system directive, but one the spec lists, so tools expect it in <c>__schema.directives</c>.</summary>
    public override bool? Introspectable => true;

    /// <summary>The URL applied to <paramref name="type"/>, or null when it has none (or is not a scalar).</summary>
    public static string? UrlOf(IGraphType? type) =>
        type is ScalarGraphType scalar
            ? scalar.GetAppliedDirectives()?.Find(DirectiveName)?.FindArgument(UrlArgument)?.Value as string
            : null;
}
