using System.Diagnostics;
using System.Globalization;
using Coco.Connectors.Auth;
using Coco.Connectors.GraphQLApi;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Observability;
using Coco.Connectors.Server.Transport.Persisted;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport;

/// <summary>
/// Runs one GraphQL request for any transport (HTTP, SSE, WebSocket): one place that builds the execution
/// options, so every transport validates, limits, caches and masks the same way. Execution observes the caller's
/// token (the request, the socket or the stream), the execution timeout and the response's byte budget.
/// </summary>
public sealed class GraphQLRunner(
    IDocumentExecuter<ISchema> executer,
    ParsedDocumentCache documents,
    PersistedDocumentResolver persisted,
    AutomaticPersistedQueryCache automatic,
    IOptions<GraphQLLimitsOptions> limits,
    ServerResponseBudget serverBudget,
    IOptions<AuthOptions> auth,
    GraphQLOperationTelemetry telemetry,
    OperationNameLabels operationNames,
    ILogger<GraphQLRunner> logger)
{
    // Everything logged while an operation runs names it; the label is bounded and checked like the metrics' label.
    private static readonly Func<ILogger, string, IDisposable?> OperationScope = LoggerMessage.DefineScope<string>("GraphQL operation {GraphQLOperation}");

    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        IServiceProvider requestServices,
        AllowedOperations allowed,
        IDictionary<string, object?>? userContext,
        CancellationToken ct,
        Action<IDisposable>? holdBudgetUntil = null)
    {
        using var scope = OperationScope(logger, operationNames.For(request.OperationName));
        var started = Stopwatch.GetTimestamp();
        var span = GraphQLOperationTelemetry.StartSpan();
        ExecutionResult? result = null;
        try
        {
            return result = await RunAsync(request, requestServices, allowed, userContext, ct, holdBudgetUntil);
        }
        finally
        {
            telemetry.Complete(span, request, result ?? new ExecutionResult { Executed = true, Errors = [new ExecutionError("cancelled") { Code = "CANCELLED" }] }, started);
        }
    }

    private async Task<ExecutionResult> RunAsync(
        GraphQLRequest request,
        IServiceProvider requestServices,
        AllowedOperations allowed,
        IDictionary<string, object?>? userContext,
        CancellationToken ct,
        Action<IDisposable>? holdBudgetUntil)
    {
        // A trusted document or a persisted query names its text by id or hash; from here on it is a plain request.
        var resolved = persisted.Resolve(request);
        if (resolved.Error is { } refused)
        {
            return new ExecutionResult { Errors = [refused] };
        }

        request = new GraphQLRequest
        {
            Query = resolved.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
        };
        var operationRule = new OperationTypeRule(allowed);
        var budget = new ResponseBudget(limits.Value.MaxResponseBytes, ct, serverBudget);
        var permissionRule = auth.Value.AnonymousIntrospection ? FieldPermissionRule.OpenIntrospection : FieldPermissionRule.Strict;

        // Rules that depend on the operation chosen, the variables or the caller must run on cache hits too.
        IValidationRule[] cachedDocumentRules = [operationRule, permissionRule, FieldArgumentsAreValidRule.Instance];
        var options = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = requestServices,
            CancellationToken = budget.Token,
            UserContext = budget.AttachTo(userContext),
            ValidationRules = [.. DocumentValidator.CoreRules, operationRule, permissionRule],
            CachedDocumentValidationRules = cachedDocumentRules,
            Timeout = limits.Value.ExecutionTimeout > TimeSpan.Zero ? limits.Value.ExecutionTimeout : Timeout.InfiniteTimeSpan,
        };

        var cached = request.Query is { } text ? documents.TryGet(text) : null;
        if (cached is not null)
        {
            options.Document = cached;
            options.ValidationRules = cachedDocumentRules;
        }

        ExecutionResult result;
        var keepBudget = false;
        try
        {
            result = await executer.ExecuteAsync(options);

            // A subscription's source may still observe the token; each of its events is budgeted on its own.
            keepBudget = result.Streams is { Count: > 0 };
        }
        catch (OperationCanceledException) when (budget.IsSpent && !ct.IsCancellationRequested)
        {
            return new ExecutionResult { Errors = [budget.Error()] };
        }
        finally
        {
            if (keepBudget)
            {
                // Kept for its token only: what the source charged must not stay held for the subscription's life.
                budget.ReturnServerShare();
            }
            else if (holdBudgetUntil is not null)
            {
                // The result's bytes stay in memory until the transport has written them; so does their charge.
                holdBudgetUntil(budget);
            }
            else
            {
                budget.Dispose();
            }
        }

        if (cached is null && request.Query is { } query && result.Executed && result.Document is { } document)
        {
            documents.Add(query, document);
        }

        // Only a known caller may add to the cache everyone shares.
        var caller = Caller.From(userContext);
        if (resolved.RegisterHash is { } hash && result.Executed && request.Query is { } registered && caller is not null)
        {
            automatic.Add(hash, registered);
        }

        // A limit's message never quotes the request, and scrubbing would parse the (refused) document after all.
        if (result.Errors is { Count: > 0 } errors && errors.All(e => e is RequestLimitError))
        {
            return result;
        }

        var scrubbed = ErrorSecretScrubber.Scrub(CapErrors(NameTimeout(result)), request.Query, request.Variables);
        return caller is null && !auth.Value.AnonymousIntrospection ? SchemaSuggestions.Withhold(scrubbed) : scrubbed;
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
