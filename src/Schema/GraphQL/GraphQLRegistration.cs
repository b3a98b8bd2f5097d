using Coco.Connectors.Secrets;
using Coco.Connectors.Storage;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>The schema, its graph types, the serializer, limits and error masking.</summary>
    public static IServiceCollection AddConnectorGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(b => b
            .AddSchema<ConnectorSchema>()
            .AddQueryLimits()
            .AddGraphTypes(typeof(ConnectorSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = JsonText.Encoder)
            .AddErrorInfoProvider<MaskedErrorInfoProvider>()
            .AddUnhandledExceptionHandler(LogUnhandledException));
        return services;
    }

    // The details of an unexpected exception go to the log only; clients see MaskedErrorInfoProvider's generic error.
    // A document nested beyond the parser's limit is the client's doing, not ours: it becomes a document error (400).
    private static void LogUnhandledException(UnhandledExceptionContext context)
    {
        if (context.OriginalException is GraphQLMaxDepthExceededException)
        {
            context.Exception = new DocumentTooDeepError();
            return;
        }

        var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Coco.Connectors.GraphQL");
        if (StoreFailures.IsUnavailable(context.OriginalException))
        {
            // An outage, not a bug: one line, and a code the client can act on.
            logger?.LogWarning("The store is unavailable for GraphQL field {Path}: {Reason}",
                context.FieldContext is { } failed ? string.Join('.', failed.ResponsePath) : "(document)", StoreFailures.Reason(context.OriginalException));
            context.Exception = new StoreUnavailableError();
            return;
        }

        logger?.LogError("Unexpected error in GraphQL field {Path}: {Exception}",
            context.FieldContext is { } field ? string.Join('.', field.ResponsePath) : "(document)", ExceptionLog.Describe(context.OriginalException));
        context.ErrorMessage = MaskedErrorInfoProvider.UnexpectedMessage;
    }
}

/// <summary>The document nests deeper than the parser allows.</summary>
public sealed class DocumentTooDeepError : DocumentError
{
    public DocumentTooDeepError()
        : base("The document nests too deeply to be parsed; flatten the query or its literals.") => Code = "DOCUMENT_TOO_DEEP";
}
