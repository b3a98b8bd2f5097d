using GraphQL.Types;

namespace Coco.Connectors.Connectors;

/// <summary>What a connector mutation returns: the connector (or deleted id) on success, typed errors otherwise.</summary>
/// <remarks><see cref="Errors"/> is null on success, as HotChocolate's mutation conventions have it.</remarks>
public sealed record ConnectorPayload(Connector? Connector, string? DeletedId, IReadOnlyList<object>? Errors);

public sealed class CreateConnectorPayloadType : ObjectGraphType<ConnectorPayload>
{
    public CreateConnectorPayloadType()
    {
        Name = "CreateConnectorPayload";
        Description = "The result of `createConnector`.";
        Field<ConnectorType>("connector").Description("The new connector; null when the input was refused.").Resolve(ctx => ctx.Source.Connector);
        Field<ListGraphType<NonNullGraphType<CreateConnectorErrorUnion>>>("errors")
            .Description("Why nothing was created; null on success.").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class UpdateConnectorPayloadType : ObjectGraphType<ConnectorPayload>
{
    public UpdateConnectorPayloadType()
    {
        Name = "UpdateConnectorPayload";
        Description = "The result of `updateConnector`.";
        Field<ConnectorType>("connector").Description("The connector as stored after the change; null when it was refused.")
            .Resolve(ctx => ctx.Source.Connector);
        Field<ListGraphType<NonNullGraphType<UpdateConnectorErrorUnion>>>("errors")
            .Description("Why nothing was changed; null on success.").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class DeleteConnectorPayloadType : ObjectGraphType<ConnectorPayload>
{
    public DeleteConnectorPayloadType()
    {
        Name = "DeleteConnectorPayload";
        Description = "The result of `deleteConnector`.";
        Field<IdGraphType>("deletedId").Description("The id of the deleted connector; null when nothing was deleted.")
            .Resolve(ctx => ctx.Source.DeletedId);
        Field<ListGraphType<NonNullGraphType<DeleteConnectorErrorUnion>>>("errors")
            .Description("Why nothing was deleted; null on success.").Resolve(ctx => ctx.Source.Errors);
    }
}
