using Coco.Connectors.GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.Connectors;

/// <summary>
/// The typed mutation errors (HotChocolate mutation conventions): one object type per <see cref="ConnectorError"/>
/// kind, each implementing <c>Error</c>, so clients can branch on <c>__typename</c>.
/// </summary>
public abstract class ErrorType<TError> : ObjectGraphType<TError>
    where TError : class
{
    protected ErrorType(string name, string description, string messageDescription, Func<TError, string> message)
    {
        Name = name;
        Description = description;
        Interface<ErrorInterface>();
        IsTypeOf = value => value is TError;
        Field<NonNullGraphType<StringGraphType>>("message").Description(messageDescription).Resolve(ctx => message(ctx.Source));
    }
}

public sealed class ValidationErrorType : ErrorType<GraphQLFieldError>
{
    public ValidationErrorType()
        : base("ValidationError", "An input field was missing, of the wrong shape or out of range; nothing was written.",
            "Why the field was refused, naming the field.", e => e.Message)
    {
        Field<NonNullGraphType<StringGraphType>>("field")
            .Description("The input field at fault, as a dotted path of GraphQL names, e.g. `pathHierarchy` or `config.token`.")
            .Resolve(ctx => ctx.Source.Field);
    }
}

public sealed class ConnectorNotFoundErrorType : ErrorType<ConnectorNotFound>
{
    public ConnectorNotFoundErrorType()
        : base("ConnectorNotFoundError", "No connector has the given id.", "A sentence naming the missing id.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that was looked for.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class DuplicateConnectorIdErrorType : ErrorType<DuplicateConnectorId>
{
    public DuplicateConnectorIdErrorType()
        : base("DuplicateConnectorIdError", "A connector with the requested id already exists.", "A sentence naming the taken id.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that is already taken.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class BuiltinConnectorErrorType : ErrorType<BuiltinConnectorProtected>
{
    public BuiltinConnectorErrorType()
        : base("BuiltinConnectorError", "The connector ships with the server and is protected from this change (built-ins cannot be deleted).",
            "Why the built-in connector is protected.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The built-in connector's id.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class VersionConflictErrorType : ErrorType<VersionConflict>
{
    public VersionConflictErrorType()
        : base("VersionConflictError", "The connector changed since it was read: `expectedVersion` no longer matches. Read it again and retry.",
            "A sentence with both versions.", e => e.Message)
    {
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
