using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.GraphQLApi.Scalars;
using Coco.Connectors.Secrets;
using Coco.Connectors.Storage;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.GraphQLApi;

public static class GraphQLRegistration
{
    /// <summary>The schema, its graph types, the serializer, limits and error masking.</summary>
    public static IServiceCollection AddConnectorGraphQL(this IServiceCollection services)
    {
        services.AddQueryLimitOptions();
        services.AddGraphQL(b => b
            .AddSchema<ConnectorSchema>()
            .AddQueryLimits()
            .AddValidationRule<WellFormedStringsRule>()
            .UseMiddleware<QueryErrorMiddleware>(install: true, serviceLifetime: global::GraphQL.DI.ServiceLifetime.Singleton)
            .AddGraphTypes(typeof(ConnectorSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = JsonText.Encoder)
            .AddErrorInfoProvider<MaskedErrorInfoProvider>()
            .AddUnhandledExceptionHandler(LogUnhandledException));
        return services;
    }

    // The details of an unexpected exception go to the log only; clients see MaskedErrorInfoProvider's generic error.
    // A document nested beyond the parser's limit is the client's doing, not ours: it becomes a document error (400).
    // A store that is busy, full or gone is not a bug either: the field error says which, with its own code.
    private static void LogUnhandledException(UnhandledExceptionContext context)
    {
        if (context.OriginalException is GraphQLMaxDepthExceededException)
        {
            context.Exception = new DocumentTooDeepError();
            return;
        }

        var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Coco.Connectors.GraphQL");
        if (StoreFailures.Find(context.OriginalException) is { } failure)
        {
            logger?.LogWarning("Store failure in GraphQL field {Path}: {Code}",
                context.FieldContext is { } failed ? string.Join('.', failed.ResponsePath) : "(document)", failure.Code);
            context.Exception = new StoreFailureError(failure);
            return;
        }

        logger?.LogError("Unexpected error in GraphQL field {Path}: {Exception}",
            context.FieldContext is { } field ? string.Join('.', field.ResponsePath) : "(document)", ExceptionLog.Describe(context.OriginalException));
        context.ErrorMessage = MaskedErrorInfoProvider.UnexpectedMessage;
    }
}
