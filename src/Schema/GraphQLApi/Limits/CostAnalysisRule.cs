using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Refuses an operation whose estimated cost (<see cref="CostCalculator"/>) is over
/// <see cref="GraphQLLimitsOptions.MaxCost"/>. It replaces graphql-dotnet's complexity analyzer, which walks every
/// fragment spread again (2^k work for k nested fragments spread twice) and lets introspection cost nothing. It runs
/// after the arguments are coerced, also for cached documents: variables such as <c>first</c> change the cost.
/// </summary>
public sealed class CostAnalysisRule(IOptions<GraphQLLimitsOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (!context.HasErrors)
        {
            var limits = options.Value;
            var cost = new CostCalculator(context, SchemaCostFacts.For(context.Schema), limits).Operation(context.Operation);
            if (cost > limits.MaxCost)
            {
                var shown = cost >= 1e15 ? "more than 10^15" : SelectionMeasure.Describe((long)Math.Ceiling(cost));
                var error = new RequestLimitError(LimitCodes.Cost,
                    $"The operation's estimated cost is {shown}; at most {SelectionMeasure.Describe(limits.MaxCost)} is allowed. Ask for smaller pages (first/take), fewer fields or fewer aliases.",
                    limits.MaxCost);
                error.Extensions!["cost"] = Math.Ceiling(Math.Min(cost, 1e15));
                context.ReportError(error);
            }
        }

        return default;
    }
}
