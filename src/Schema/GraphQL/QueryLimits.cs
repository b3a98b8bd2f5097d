using GraphQL;
using GraphQL.DI;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace Coco.Connectors.GraphQL;

/// <summary>Limits on one GraphQL document (the complexity analyzer names the one that was hit in its error).</summary>
public static class QueryLimits
{
    /// <summary>
    /// Deepest selection nesting. Our deepest data query (connectors → edges → node → processor → name) is 5, but IDE
    /// introspection queries nest <c>ofType</c> up to depth 16, and they must keep working.
    /// </summary>
    public const int MaxDepth = 20;

    /// <summary>Roughly fields × list sizes; a full 50-item page with edges and nodes stays well below it.</summary>
    public const int MaxComplexity = 10_000;

    /// <summary>
    /// The complexity analyzer (what <c>AddComplexityAnalyzer</c> registers), but also run for documents served from a
    /// parsed-document cache: a cached document can be sent again with variables (e.g. <c>first</c>) that cost more.
    /// Introspection (<c>__schema</c>, <c>__type</c>, <c>__typename</c> and all below them) costs nothing, so the
    /// playground and code generators keep working; <c>schema.WithIntrospectionComplexityImpact(0)</c> would do the
    /// same but needs an initialized schema, which a <c>ConfigureSchema</c> hook runs too early for.
    /// </summary>
    public static IGraphQLBuilder AddQueryLimits(this IGraphQLBuilder builder)
    {
        builder.AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true);
        builder.Services.Configure<ComplexityOptions>(Configure);
        return builder;
    }

    public static void Configure(ComplexityOptions options)
    {
        options.MaxDepth = MaxDepth;
        options.MaxComplexity = MaxComplexity;
        var standard = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = field =>
            field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) ? new FieldComplexityResult(0, 0) : standard(field);
    }
}
