using System.Globalization;
using Coco.Connectors.Audit;
using Coco.Connectors.Auth;
using Coco.Connectors.Domain;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// createConnector, updateConnector, deleteConnector: thin adapters over <see cref="ConnectorWriter"/>, the one
/// write path. They translate the GraphQL input into a Coco document and the service's refusals into typed errors;
/// they never validate or write on their own.
/// </summary>
public static class ConnectorMutations
{
    public static void AddFields(ObjectGraphType mutation, ConnectorWriter writer)
    {
        mutation.Field<NonNullGraphType<CreateConnectorPayloadType>>("createConnector")
            .RequirePermission(Permissions.Create)
            .Description("Creates a connector.")
            .Argument<NonNullGraphType<CreateConnectorInputType>>("input", a => a.Description = "The new connector.")
            .ResolveAsync(async ctx =>
            {
                var document = ConnectorInputDocument.ToCoco(Input(ctx));
                var result = await writer.CreateAsync(document, AuditActor.From(ctx.UserContext), ctx.CancellationToken);
                return ToPayload(result, deletedId: null, CreateErrors);
            });

        mutation.Field<NonNullGraphType<UpdateConnectorPayloadType>>("updateConnector")
            .RequirePermission(Permissions.Update)
            .Description("Changes a connector: a merge patch of the given fields, or with `replace: true` a full replacement.")
            .Argument<NonNullGraphType<UpdateConnectorInputType>>("input", a => a.Description = "The connector and the change.")
            .ResolveAsync(async ctx =>
            {
                var input = Input(ctx);
                var patch = ConnectorInputDocument.ToCoco(input);
                patch.Remove("id");
                var replace = input.GetValueOrDefault("replace") is true;
                var result = await writer.UpdateAsync(Id(input), patch, replace, ExpectedVersion(input), AuditActor.From(ctx.UserContext), ctx.CancellationToken);
                return ToPayload(result, deletedId: null, UpdateErrors);
            });

        mutation.Field<NonNullGraphType<DeleteConnectorPayloadType>>("deleteConnector")
            .RequirePermission(Permissions.Delete)
            .Description("Deletes a connector. Built-in connectors cannot be deleted.")
            .Argument<NonNullGraphType<DeleteConnectorInputType>>("input", a => a.Description = "The connector to delete.")
            .ResolveAsync(async ctx =>
            {
                var input = Input(ctx);
                var id = Id(input);
                var result = await writer.DeleteAsync(id, ExpectedVersion(input), AuditActor.From(ctx.UserContext), ctx.CancellationToken);
                return ToPayload(result with { Connector = null }, result.Succeeded ? id : null, DeleteErrors);
            });
    }

    // The error kinds each mutation's union declares; anything else is a programming error, not a client error.
    private static readonly Type[] CreateErrors = [typeof(ValidationError), typeof(DuplicateConnectorId)];
    private static readonly Type[] UpdateErrors = [typeof(ValidationError), typeof(ConnectorNotFound), typeof(VersionConflict)];
    private static readonly Type[] DeleteErrors = [typeof(ConnectorNotFound), typeof(BuiltinConnectorProtected), typeof(VersionConflict)];

    /// <summary>The raw input object: only the fields the client sent, explicit nulls included.</summary>
    private static IReadOnlyDictionary<string, object?> Input(IResolveFieldContext ctx) =>
        ctx.GetArgument<Dictionary<string, object?>>("input");

    private static string Id(IReadOnlyDictionary<string, object?> input) =>
        Convert.ToString(input["id"], CultureInfo.InvariantCulture)!;

    private static int? ExpectedVersion(IReadOnlyDictionary<string, object?> input) =>
        input.GetValueOrDefault("expectedVersion") is int version ? version : null;

    private static ConnectorPayload ToPayload(WriteResult result, string? deletedId, Type[] declared)
    {
        if (result.Succeeded)
        {
            return new ConnectorPayload(result.Connector, deletedId, Errors: null);
        }

        var errors = result.Errors.Select(error => declared.Contains(error.GetType())
            ? error is ValidationError invalid ? ConnectorInputDocument.ToGraphQL(invalid) : (object)error
            : throw new InvalidOperationException($"The write path returned {error.GetType().Name}, which this mutation does not declare."));
        return new ConnectorPayload(null, null, [.. errors]);
    }
}
