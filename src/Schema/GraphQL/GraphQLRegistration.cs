using Coco.Connectors.Secrets;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>The schema, its graph types, the serializer, error masking and the secret-masking middleware.</summary>
    public static IServiceCollection AddConnectorGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(b => b
            .AddSchema<ConnectorSchema>()
            .AddQueryLimits()
            .AddGraphTypes(typeof(ConnectorSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider<MaskedErrorInfoProvider>()
            .AddUnhandledExceptionHandler(LogUnhandledException)
            .UseMiddleware<SecretMaskingMiddleware>());
        return services;
    }

    // The details of an unexpected exception go to the log only; clients see MaskedErrorInfoProvider's generic error.
    private static void LogUnhandledException(UnhandledExceptionContext context)
    {
        var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Coco.Connectors.GraphQL");
        logger?.LogError(context.OriginalException, "Unexpected error in GraphQL field {Path}",
            context.FieldContext is { } field ? string.Join('.', field.ResponsePath) : "(document)");
        context.ErrorMessage = MaskedErrorInfoProvider.UnexpectedMessage;
    }
}
