using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

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
