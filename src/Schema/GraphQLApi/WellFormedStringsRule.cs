using GraphQL.Validation;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// Refuses string literals whose <c>\uXXXX</c> escapes leave half of a UTF-16 surrogate pair (<c>"\ud800"</c>). The
/// GraphQL spec's current draft makes that a syntax error; the parser we use accepts it, and such text is not Unicode:
/// stored, it would silently turn into U+FFFD. JSON input (variables) is refused the same way by the transport.
/// </summary>
public sealed class WellFormedStringsRule : ValidationRuleBase
{
    public const string Code = "INVALID_UNICODE";

    private static readonly INodeVisitor Visitor = new MatchingNodeVisitor<GraphQLStringValue>((literal, context) =>
    {
        if (HasLoneSurrogate(literal.Value.Span))
        {
            context.ReportError(new ValidationError(context.Document.Source, null,
                "A string literal has an unpaired UTF-16 surrogate escape; \\uD800-\\uDFFF escapes must come as a high-low pair.", literal)
            {
                Code = Code,
            });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    private static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
