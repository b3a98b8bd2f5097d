using Coco.Connectors.Auth;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Look-ups of single connectors: Relay's <c>node</c>/<c>nodes</c> and <c>connectorById</c>. Ids are the raw
/// connector ids, the same as in the REST API (the connector is the only node type).
/// </summary>
public static class ConnectorQueries
{
    /// <summary>The most ids one <c>nodes</c> call may ask for (HotChocolate's default batch size).</summary>
    public const int MaxNodeBatchSize = 50;

    /// <summary>The error code for a <c>nodes</c> call over <see cref="MaxNodeBatchSize"/> (HotChocolate's HC0076).</summary>
    public const string NodeBatchTooLargeCode = "HC0076";

    public static void AddFields(ObjectGraphType query, ConnectorReader reader)
    {
        query.Field<NodeInterface>("node")
            .RequirePermission(Permissions.Read)
            .Description("The object with this id, or null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The object's id.")
            .ResolveAsync(async ctx => await reader.FindAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .RequirePermission(Permissions.Read)
            .Description($"The objects with these ids, in the same order; null for an id with no object. At most {MaxNodeBatchSize} ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", a => a.Description = "The objects' ids.")
            .ValidateArguments(ctx => ValidateBatch(ctx, "nodes"))
            .ResolveAsync(ctx => FindManyAsync(ctx, reader));

        query.Field<ConnectorType>("connectorById")
            .RequirePermission(Permissions.Read)
            .Description("The connector with this id, or null.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The connector's id.")
            .ResolveAsync(async ctx => await reader.FindAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));

        // The plural look-up HotChocolate's workshop puts beside `nodes`; typed, so clients need no fragment.
        query.Field<NonNullGraphType<ListGraphType<ConnectorType>>>("connectorsById")
            .RequirePermission(Permissions.Read)
            .Description($"The connectors with these ids, in the same order; null for an id with no connector. At most {MaxNodeBatchSize} ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", a => a.Description = "The connectors' ids.")
            .ValidateArguments(ctx => ValidateBatch(ctx, "connectorsById"))
            .ResolveAsync(ctx => FindManyAsync(ctx, reader));
    }

    // Checked during validation, so an oversized batch is a request error and never touches the store.
    private static void ValidateBatch(FieldArgumentsValidationContext ctx, string field)
    {
        var count = (ctx.GetArgument<object?>("ids") as System.Collections.ICollection)?.Count ?? 0;
        if (count > MaxNodeBatchSize)
        {
            throw new ValidationError(
                $"{field} accepts at most {MaxNodeBatchSize} ids at once; this request asked for {count}.") { Code = NodeBatchTooLargeCode };
        }
    }

    private static async Task<object?> FindManyAsync(IResolveFieldContext ctx, ConnectorReader reader)
    {
        var ids = ctx.GetArgument<List<string>>("ids");
        var found = await reader.FindManyAsync(ids.Distinct(StringComparer.Ordinal).ToList(), ctx.CancellationToken, SelectedColumns.Of(ctx));
        return ids.Select(id => found.GetValueOrDefault(id)).ToList();
    }
}
