using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.GraphQLApi.Limits;

public static class QueryLimits
{
    /// <summary>
    /// Bounds what one request may cost (<see cref="GraphQLLimitsOptions"/>): document limits while parsing, before
    /// validation; list lengths of variables and the cost of the operation after argument coercion — for documents
    /// from the parsed-document cache too, since variables change both; the response's size while executing.
    /// </summary>
    public static IGraphQLBuilder AddQueryLimits(this IGraphQLBuilder builder)
    {
        builder.Services.Register<IDocumentBuilder, LimitedDocumentBuilder>(global::GraphQL.DI.ServiceLifetime.Singleton, replace: true);
        builder.AddValidationRule<ErrorBudgetRule>();
        builder.AddValidationRule<ListLengthRule>(useForCachedDocuments: true);
        builder.AddValidationRule<CostAnalysisRule>(useForCachedDocuments: true);
        builder.UseMiddleware<ResponseBudgetMiddleware>(install: true, serviceLifetime: global::GraphQL.DI.ServiceLifetime.Singleton);

        // Depth first, so that a root field's values are charged to the response budget before the next root field
        // loads anything: once the budget is spent, nothing more is read from the store.
        builder.AddExecutionStrategy(SerialExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query);
        return builder;
    }

    public static IServiceCollection AddQueryLimitOptions(this IServiceCollection services)
    {
        services.AddOptions<GraphQLLimitsOptions>().BindConfiguration(GraphQLLimitsOptions.Section);
        services.AddSingleton(sp => new ServerResponseBudget(sp.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value.MaxInFlightResponseBytes));
        return services;
    }
}
