using System.Globalization;
using Coco.Connectors.GraphQL.Limits;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

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
/// options, so every transport validates, limits, caches and masks the same way. Execution observes the caller's
/// token (the request, the socket or the stream) and the execution timeout.
/// </summary>
public sealed class GraphQLRunner(IDocumentExecuter<ISchema> executer, ParsedDocumentCache documents, IOptions<GraphQLLimitsOptions> limits)
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
            Timeout = limits.Value.ExecutionTimeout > TimeSpan.Zero ? limits.Value.ExecutionTimeout : Timeout.InfiniteTimeSpan,
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

        // A limit's message never quotes the request, and scrubbing would parse the (refused) document after all.
        if (result.Errors is { Count: > 0 } errors && errors.All(e => e is RequestLimitError))
        {
            return result;
        }

        return ErrorSecretScrubber.Scrub(CapErrors(NameTimeout(result)), request.Query, request.Variables);
    }

    private ExecutionResult NameTimeout(ExecutionResult result)
    {
        if (result.Errors is { } errors && errors.Any(e => e is TimeoutError))
        {
            var timeout = limits.Value.ExecutionTimeout;
            result.Errors = [new ExecutionError(string.Create(CultureInfo.InvariantCulture,
                $"The request did not finish within the {timeout.TotalSeconds:0.###} s allowed and was stopped; ask for less or retry later."))
                { Code = LimitCodes.ExecutionTimeout }];
        }

        return result;
    }

    // Long error lists are an amplifier (one short document, megabytes of errors); the first ones tell the story.
    private ExecutionResult CapErrors(ExecutionResult result)
    {
        var max = Math.Max(1, limits.Value.MaxErrors);
        if (result.Errors is { Count: 1 } stoppedEarly && stoppedEarly[0] is ValidationStoppedError stopped)
        {
            result.Errors = Capped(stopped.Found.Take(max), new RequestLimitError(LimitCodes.TooManyErrors,
                $"Validation stopped after {max} errors; the document may hold more.", max));
        }
        else if (result.Errors is { } errors && errors.Count > max)
        {
            var summary = $"{errors.Count - max} more errors were left out; at most {max} are listed.";
            result.Errors = Capped(errors.Take(max),
                result.Executed ? new ExecutionError(summary) { Code = LimitCodes.TooManyErrors } : new RequestLimitError(LimitCodes.TooManyErrors, summary, max));
        }

        return result;
    }

    private static ExecutionErrors Capped(IEnumerable<ExecutionError> first, ExecutionError summary)
    {
        var kept = new ExecutionErrors();
        kept.AddRange(first);
        kept.Add(summary);
        return kept;
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
