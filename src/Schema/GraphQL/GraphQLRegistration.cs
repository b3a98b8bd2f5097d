using Coco.Connectors.Secrets;
using GraphQL;
using GraphQL.Execution;
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
    private static void LogUnhandledException(UnhandledExceptionContext context)
    {
        var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Coco.Connectors.GraphQL");
        logger?.LogError("Unexpected error in GraphQL field {Path}: {Exception}",
            context.FieldContext is { } field ? string.Join('.', field.ResponsePath) : "(document)", ExceptionLog.Describe(context.OriginalException));
        context.ErrorMessage = MaskedErrorInfoProvider.UnexpectedMessage;
    }
}
