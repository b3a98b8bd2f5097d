using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;

namespace Coco.Connectors.Server.Transport;

/// <summary>Which operation types a transport may run (e.g. GET runs queries only).</summary>
[Flags]
public enum AllowedOperations
{
    Query = 1,
    Mutation = 2,
    Subscription = 4,
    QueryAndMutation = Query | Mutation,
    All = Query | Mutation | Subscription,
}

/// <summary>
/// Runs one GraphQL request for any transport (HTTP, SSE, WebSocket): one place that builds the execution
/// options, so every transport validates, limits, caches and masks the same way.
/// </summary>
public sealed class GraphQLRunner(IDocumentExecuter<ISchema> executer, ParsedDocumentCache documents)
{
    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        IServiceProvider requestServices,
        AllowedOperations allowed,
        IDictionary<string, object?>? userContext,
        CancellationToken ct)
    {
        var operationRule = new OperationTypeRule(allowed);

        // Rules that depend on the operation chosen or on the variables must run on cache hits too.
        IValidationRule[] cachedDocumentRules = [operationRule, FieldArgumentsAreValidRule.Instance];
        var options = new ExecutionOptions
        {
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = requestServices,
            CancellationToken = ct,
            UserContext = userContext ?? new Dictionary<string, object?>(),
            ValidationRules = [.. DocumentValidator.CoreRules, operationRule],
            CachedDocumentValidationRules = cachedDocumentRules,
        };

        var cached = request.Query is { } text ? documents.TryGet(text) : null;
        if (cached is not null)
        {
            options.Document = cached;
            options.ValidationRules = cachedDocumentRules;
        }

        var result = await executer.ExecuteAsync(options);
        if (cached is null && request.Query is { } query && result.Executed && result.Document is { } document)
        {
            documents.Add(query, document);
        }

        return ErrorSecretScrubber.Scrub(result, request.Query, request.Variables);
    }
}

/// <summary>Refuses operation types the transport does not carry, with a code the HTTP layer maps to a status.</summary>
public sealed class OperationTypeRule(AllowedOperations allowed) : ValidationRuleBase
{
    public const string NotAllowedCode = "OPERATION_NOT_ALLOWED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        var kind = operation.Operation switch
        {
            OperationType.Mutation => AllowedOperations.Mutation,
            OperationType.Subscription => AllowedOperations.Subscription,
            _ => AllowedOperations.Query,
        };
        if ((allowed & kind) == 0)
        {
            context.ReportError(new OperationNotAllowedError(context, kind, allowed, operation));
        }

        return default;
    }
}

public sealed class OperationNotAllowedError : ValidationError
{
    public OperationNotAllowedError(ValidationContext context, AllowedOperations kind, AllowedOperations allowed, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null!, Describe(kind, allowed), operation)
    {
        Code = OperationTypeRule.NotAllowedCode;
        Kind = kind;
    }

    public AllowedOperations Kind { get; }

    private static string Describe(AllowedOperations kind, AllowedOperations allowed) => kind switch
    {
        AllowedOperations.Subscription =>
            "Subscriptions need a streaming transport: use a WebSocket (graphql-transport-ws or graphql-ws) or send the request with 'Accept: text/event-stream'.",
        AllowedOperations.Mutation when (allowed & AllowedOperations.Mutation) == 0 =>
            "Mutations are not allowed over GET; send them with POST.",
        _ => $"{kind} operations are not allowed on this transport.",
    };
}
