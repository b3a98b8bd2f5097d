using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

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
