using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

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
        ROM source = text;
        var position = 0;
        var tokens = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                {
                    return;
                }

                if (token.Kind != TokenKind.COMMENT && ++tokens > limits.MaxTokens)
                {
                    throw new RequestLimitError(LimitCodes.MaxTokens,
                        $"The document has more than {limits.MaxTokens} tokens; at most {limits.MaxTokens} are allowed. Send large values as variables.",
                        limits.MaxTokens);
                }

                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // Not a token: the parser reports the syntax error with its position.
        }
    }

    /// <exception cref="RequestLimitError">The first limit the parsed document exceeds.</exception>
    public static void CheckShape(GraphQLDocument document, GraphQLLimitsOptions limits)
    {
        var operations = document.Definitions.Count(d => d is GraphQLOperationDefinition);
        Refuse(operations > limits.MaxOperations, LimitCodes.MaxOperations,
            $"The document holds {operations} operations; at most {limits.MaxOperations} are allowed in one document.", limits.MaxOperations);

        var longestList = ListLiteralCheck.LongestList(document);
        Refuse(longestList > limits.MaxListLength, LimitCodes.ListTooLong,
            $"A list in the document has {longestList} items; at most {limits.MaxListLength} are allowed in one list.", limits.MaxListLength);

        var shape = DocumentShape.Measure(document, limits.MaxDepth);
        var total = shape.Total;
        Refuse(total.Selections > limits.MaxFields, LimitCodes.MaxFields,
            $"The document selects {SelectionMeasure.Describe(total.Selections)} fields and fragments with its fragments expanded; at most {limits.MaxFields} are allowed.",
            limits.MaxFields);
        Refuse(total.Depth > limits.MaxDepth, LimitCodes.MaxDepth,
            $"The document nests fields {total.Depth} levels deep; at most {limits.MaxDepth} are allowed.", limits.MaxDepth);
        Refuse(total.Aliases > limits.MaxAliases, LimitCodes.MaxAliases,
            $"The document uses {SelectionMeasure.Describe(total.Aliases)} aliases with its fragments expanded; at most {limits.MaxAliases} are allowed.",
            limits.MaxAliases);
        Refuse(total.Directives > limits.MaxDirectives, LimitCodes.MaxDirectives,
            $"The document uses {SelectionMeasure.Describe(total.Directives)} directives with its fragments expanded; at most {limits.MaxDirectives} are allowed.",
            limits.MaxDirectives);
        Refuse(shape.MostMutationFields > limits.MaxMutationFields, LimitCodes.MutationFields,
            $"A mutation operation runs {SelectionMeasure.Describe(shape.MostMutationFields)} mutations; at most {limits.MaxMutationFields} are allowed in one request.",
            limits.MaxMutationFields);

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

        Refuse(counter.OverBudget, LimitCodes.MaxFieldMerges,
            $"The document repeats fields or fragments within one selection set so often that checking they merge takes more than {limits.MaxFieldMerges} comparisons; select each field once per selection set.",
            limits.MaxFieldMerges);
    }

    private static void Refuse(bool exceeded, string code, string message, long limit)
    {
        if (exceeded)
        {
            throw new RequestLimitError(code, message, limit);
        }
    }
}
