using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Stops validation once the document has produced more than <see cref="GraphQLLimitsOptions.MaxErrors"/> errors:
/// a response lists no more than that, and the engine's work per error grows with the document (each error locates
/// itself by scanning the text from its start), so an error-dense document would otherwise cost far more than a
/// valid one of the same size.
/// </summary>
public sealed class ErrorBudgetRule(IOptions<GraphQLLimitsOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new Budget(Math.Max(1, options.Value.MaxErrors)));

    private sealed class Budget(int max) : INodeVisitor
    {
        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (context.HasErrors && context.Errors.Count() > max)
            {
                throw new ValidationStoppedError([.. context.Errors]);
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
    }
}
