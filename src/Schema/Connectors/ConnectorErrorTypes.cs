using Coco.Connectors.GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.Connectors;

/// <summary>
/// The typed mutation errors (HotChocolate mutation conventions): one object type per <see cref="ConnectorError"/>
/// kind, each implementing <c>Error</c>, so clients can branch on <c>__typename</c>.
/// </summary>
public sealed class ValidationErrorType : ObjectGraphType<GraphQLFieldError>
{
    public ValidationErrorType()
    {
        Name = "ValidationError";
        Description = "An input field was missing, of the wrong shape or out of range; nothing was written.";
        Interface<ErrorInterface>();
        IsTypeOf = value => value is GraphQLFieldError;
        Field<NonNullGraphType<StringGraphType>>("message").Description("Why the field was refused, naming the field.")
            .Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("field")
            .Description("The input field at fault, as a dotted path of GraphQL names, e.g. `pathHierarchy` or `config.token`.")
            .Resolve(ctx => ctx.Source.Field);
    }
}

public sealed class ConnectorNotFoundErrorType : ObjectGraphType<ConnectorNotFound>
{
    public ConnectorNotFoundErrorType()
    {
        Name = "ConnectorNotFoundError";
        Description = "No connector has the given id.";
        Interface<ErrorInterface>();
        IsTypeOf = value => value is ConnectorNotFound;
        Field<NonNullGraphType<StringGraphType>>("message").Description("A sentence naming the missing id.").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that was looked for.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class DuplicateConnectorIdErrorType : ObjectGraphType<DuplicateConnectorId>
{
    public DuplicateConnectorIdErrorType()
    {
        Name = "DuplicateConnectorIdError";
        Description = "A connector with the requested id already exists.";
        Interface<ErrorInterface>();
        IsTypeOf = value => value is DuplicateConnectorId;
        Field<NonNullGraphType<StringGraphType>>("message").Description("A sentence naming the taken id.").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that is already taken.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class BuiltinConnectorErrorType : ObjectGraphType<BuiltinConnectorProtected>
{
    public BuiltinConnectorErrorType()
    {
        Name = "BuiltinConnectorError";
        Description = "The connector ships with the server and is protected from this change (built-ins cannot be deleted).";
        Interface<ErrorInterface>();
        IsTypeOf = value => value is BuiltinConnectorProtected;
        Field<NonNullGraphType<StringGraphType>>("message").Description("Why the built-in connector is protected.").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The built-in connector's id.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class VersionConflictErrorType : ObjectGraphType<VersionConflict>
{
    public VersionConflictErrorType()
    {
        Name = "VersionConflictError";
        Description = "The connector changed since it was read: `expectedVersion` no longer matches. Read it again and retry.";
        Interface<ErrorInterface>();
        IsTypeOf = value => value is VersionConflict;
        Field<NonNullGraphType<StringGraphType>>("message").Description("A sentence with both versions.").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector's id.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("expectedVersion").Description("The version the client sent.")
            .Resolve(ctx => ctx.Source.ExpectedVersion);
        Field<NonNullGraphType<IntGraphType>>("actualVersion").Description("The version currently stored.")
            .Resolve(ctx => ctx.Source.ActualVersion);
    }
}

public sealed class CreateConnectorErrorUnion : UnionGraphType
{
    public CreateConnectorErrorUnion()
    {
        Name = "CreateConnectorError";
        Description = "Why `createConnector` refused the input.";
        Type<ValidationErrorType>();
        Type<DuplicateConnectorIdErrorType>();
    }
}

public sealed class UpdateConnectorErrorUnion : UnionGraphType
{
    public UpdateConnectorErrorUnion()
    {
        Name = "UpdateConnectorError";
        Description = "Why `updateConnector` refused the change.";
        Type<ValidationErrorType>();
        Type<ConnectorNotFoundErrorType>();
        Type<VersionConflictErrorType>();
    }
}

public sealed class DeleteConnectorErrorUnion : UnionGraphType
{
    public DeleteConnectorErrorUnion()
    {
        Name = "DeleteConnectorError";
        Description = "Why `deleteConnector` refused to delete.";
        Type<ConnectorNotFoundErrorType>();
        Type<BuiltinConnectorErrorType>();
        Type<VersionConflictErrorType>();
    }
}
