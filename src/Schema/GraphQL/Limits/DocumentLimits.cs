using GraphQLParser.AST;

namespace Coco.Connectors.GraphQL.Limits;

/// <summary>
/// The limits a document must meet before it is validated: the spec's validation rules are quadratic in places
/// (field merging) and the engine walks fragment expansions, so only bounded documents may reach them. Each check
/// costs time linear in the document; the first limit exceeded is reported.
/// </summary>
public static class DocumentLimits
{
    /// <summary>Counts the document's tokens (comments aside), stopping at one over the limit.</summary>
    /// <exception cref="RequestLimitError">More tokens than <see cref="GraphQLLimitsOptions.MaxTokens"/>.</exception>
    public static void CheckTokens(string text, GraphQLLimitsOptions limits)
    {
        if (TokenCounter.Count(text, limits.MaxTokens) > limits.MaxTokens)
        {
            throw Refusal(LimitCodes.MaxTokens, limits.MaxTokens,
                $"The document has more than {N(limits.MaxTokens)} tokens; at most {N(limits.MaxTokens)} are allowed. Send large values as variables.");
        }
    }

    /// <exception cref="RequestLimitError">The first limit the parsed document exceeds.</exception>
    public static void CheckShape(GraphQLDocument document, GraphQLLimitsOptions limits)
    {
        var operations = document.Definitions.Count(d => d is GraphQLOperationDefinition);
        if (operations > limits.MaxOperations)
        {
            throw Refusal(LimitCodes.MaxOperations, limits.MaxOperations,
                $"The document holds {N(operations)} operations; at most {N(limits.MaxOperations)} are allowed in one document.");
        }

        var longestList = ListLiteralCheck.LongestList(document);
        if (longestList > limits.MaxListLength)
        {
            throw Refusal(LimitCodes.ListTooLong, limits.MaxListLength,
                $"A list in the document has {N(longestList)} items; at most {N(limits.MaxListLength)} are allowed in one list.");
        }

        var shape = DocumentShape.Measure(document, limits.MaxDepth);
        var total = shape.Total;
        if (total.Selections > limits.MaxFields)
        {
            throw Refusal(LimitCodes.MaxFields, limits.MaxFields,
                $"The document selects {N(total.Selections)} fields and fragments with its fragments expanded; at most {N(limits.MaxFields)} are allowed.");
        }

        if (total.Depth > limits.MaxDepth)
        {
            throw Refusal(LimitCodes.MaxDepth, limits.MaxDepth,
                $"The document nests fields {N(total.Depth)} levels deep; at most {N(limits.MaxDepth)} are allowed.");
        }

        if (shape.SpreadsTooDeep)
        {
            throw Refusal(LimitCodes.MaxDepth, limits.MaxDepth,
                $"Fragments are spread inside one another more than {N(limits.MaxDepth)} levels deep; at most {N(limits.MaxDepth)} are allowed.");
        }

        if (total.Aliases > limits.MaxAliases)
        {
            throw Refusal(LimitCodes.MaxAliases, limits.MaxAliases,
                $"The document uses {N(total.Aliases)} aliases with its fragments expanded; at most {N(limits.MaxAliases)} are allowed.");
        }

        if (total.Directives > limits.MaxDirectives)
        {
            throw Refusal(LimitCodes.MaxDirectives, limits.MaxDirectives,
                $"The document uses {N(total.Directives)} directives with its fragments expanded; at most {N(limits.MaxDirectives)} are allowed.");
        }

        if (shape.MostMutationFields > limits.MaxMutationFields)
        {
            throw Refusal(LimitCodes.MutationFields, limits.MaxMutationFields,
                $"A mutation operation runs {N(shape.MostMutationFields)} mutations; at most {N(limits.MaxMutationFields)} are allowed in one request.");
        }

        if (!shape.HasFragmentCycle)
        {
            CheckFieldMerges(document, shape, limits);
        }
    }

    private static void CheckFieldMerges(GraphQLDocument document, DocumentShape shape, GraphQLLimitsOptions limits)
    {
        var counter = new FieldMergeCounter(shape.Fragments, limits.MaxFieldMerges, maxSteps: shape.Total.Selections);
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            counter.Add(operation.SelectionSet);
        }

        foreach (var fragment in shape.UnusedFragments)
        {
            counter.Add(fragment.SelectionSet);
        }

        if (counter.OverBudget)
        {
            throw Refusal(LimitCodes.MaxFieldMerges, limits.MaxFieldMerges,
                $"The document repeats fields or fragments within one selection set so often that checking they merge takes more than {N(limits.MaxFieldMerges)} comparisons; select each field once per selection set.");
        }
    }

    private static string N(long count) => SelectionMeasure.Describe(count);

    private static RequestLimitError Refusal(string code, long limit, string message) => new(code, message, limit);
}
