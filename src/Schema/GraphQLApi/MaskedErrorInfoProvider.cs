using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// How errors look on the wire. An unexpected exception (a bug) becomes the generic
/// "Unexpected Execution Error" with code <c>INTERNAL_ERROR</c>: its message, type and data may describe internals
/// or carry values, so they only go to the log. Errors raised on purpose (validation, paging limits…) keep their
/// message and code (validation errors also a <c>specifiedBy</c> link); codes derived from inner exception types are not exposed.
/// </summary>
public sealed class MaskedErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = false,
    ExposeCode = true,
    ExposeCodes = false,
    ExposeData = false,
})
{
    public const string UnexpectedMessage = "Unexpected Execution Error";
    public const string InternalErrorCode = "INTERNAL_ERROR";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        if (executionError is UnhandledError)
        {
            return new ErrorInfo
            {
                Message = UnexpectedMessage,
                Extensions = new Dictionary<string, object?> { ["code"] = InternalErrorCode },
            };
        }

        var info = base.GetInfo(executionError);
        // HotChocolate links each validation error to its spec section; graphql-dotnet gives the section's number.
        if (executionError is ValidationError { Number: var number } && SpecSections.UrlOf(number) is { } url)
        {
            var extensions = info.Extensions ?? new Dictionary<string, object?>();
            extensions["specifiedBy"] = url;
            info.Extensions = extensions;
        }

        return info;
    }
}
