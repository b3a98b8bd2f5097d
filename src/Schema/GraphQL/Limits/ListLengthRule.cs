using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.GraphQL.Limits;

/// <summary>
/// Refuses a list-typed variable value longer than <see cref="GraphQLLimitsOptions.MaxListLength"/>, at any depth
/// (a <c>[String]</c> under an input object too); list literals are checked before validation. A variable declared
/// as a list is checked before its items are coerced; lists inside input objects while they are. Values of the
/// <c>JSON</c> scalar (a connector's <c>config</c>) are not lists to GraphQL and keep their own size limit.
/// </summary>
public sealed class ListLengthRule(IOptions<GraphQLLimitsOptions> options) : ValidationRuleBase, IVariableVisitor
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var max = options.Value.MaxListLength;
        foreach (var variable in context.Operation.Variables?.Items ?? [])
        {
            var declared = variable.Type is GraphQLNonNullType nonNull ? nonNull.Type : variable.Type;
            if (declared is GraphQLListType
                && context.Variables.TryGetValue(variable.Variable.Name.StringValue, out var value)
                && value is System.Collections.ICollection { Count: var count } && count > max)
            {
                context.ReportError(TooLong(variable.Variable.Name.StringValue, count, max));
            }
        }

        return default;
    }

    public override ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => new(this);

    public ValueTask VisitListAsync(ValidationContext context, GraphQLVariableDefinition variable, VariableName variableName, ListGraphType type,
        object? variableValue, IList<object?>? parsedValue)
    {
        var max = options.Value.MaxListLength;
        if (parsedValue?.Count > max)
        {
            context.ReportError(TooLong(variableName, parsedValue.Count, max));
        }

        return default;
    }

    public ValueTask VisitScalarAsync(ValidationContext context, GraphQLVariableDefinition variable, VariableName variableName, ScalarGraphType type,
        object? variableValue, object? parsedValue) => default;

    public ValueTask VisitObjectAsync(ValidationContext context, GraphQLVariableDefinition variable, VariableName variableName, IInputObjectGraphType type,
        object? variableValue, object? parsedValue) => default;

    public ValueTask VisitFieldAsync(ValidationContext context, GraphQLVariableDefinition variable, VariableName variableName, IInputObjectGraphType type,
        FieldType field, object? variableValue, object? parsedValue) => default;

    private static RequestLimitError TooLong(string variable, int count, int max) => new(LimitCodes.ListTooLong,
        $"Variable '${variable}' holds a list of {SelectionMeasure.Describe(count)} items; at most {SelectionMeasure.Describe(max)} are allowed in one list.", max);
}
