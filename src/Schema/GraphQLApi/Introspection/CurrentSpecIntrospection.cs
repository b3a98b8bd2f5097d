using GraphQL;
using GraphQL.Introspection;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Introspection;

/// <summary>
/// Completes graphql-dotnet 8's introspection types to what current tools ask for (graphql-js
/// <c>getIntrospectionQuery</c> with every option on). The engine's experimental features already give
/// <c>__Directive.isRepeatable</c>, <c>includeDeprecated</c> on field arguments and input fields and
/// <c>__InputValue.isDeprecated</c>/<c>deprecationReason</c>; this adds the rest while each type is being built:
/// <c>__Type.specifiedByURL</c>, <c>includeDeprecated</c> on directive arguments, and the directive deprecation fields
/// of graphql-js's experimental option (no directive here is deprecated).
/// </summary>
public static class CurrentSpecIntrospection
{
    /// <summary>Turns on the engine's own support; call from the schema's constructor.</summary>
    public static void Enable(Schema schema)
    {
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.Directives.Register(new SpecifiedByDirective());
    }

    /// <summary>Adds the missing fields to an introspection type; other types pass through untouched.</summary>
    public static void Extend(IGraphType graphType)
    {
        switch (graphType)
        {
            case __Type type when type.GetField("specifiedByURL") is null:
                type.Field<StringGraphType>("specifiedByURL")
                    .Description("The URL of the specification of a custom scalar's format, when it names one.")
                    .Resolve(ctx => SpecifiedByDirective.UrlOf(ctx.Source));
                break;
            case __Directive directive when directive.GetField("isDeprecated") is null:
                if (directive.GetField("args") is { } args)
                {
                    args.Arguments ??= new QueryArguments();
                    if (args.Arguments.Find("includeDeprecated") is null)
                    {
                        args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false });
                    }
                }

                directive.Field<NonNullGraphType<BooleanGraphType>>("isDeprecated").Resolve(_ => false);
                directive.Field<StringGraphType>("deprecationReason").Resolve(_ => null);
                break;
            case __Schema schema when schema.GetField("directives") is { } directives:
                directives.Arguments ??= new QueryArguments();
                if (directives.Arguments.Find("includeDeprecated") is null)
                {
                    directives.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false });
                }

                break;
        }
    }
}
