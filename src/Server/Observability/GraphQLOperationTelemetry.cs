using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Observability;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Coco.Connectors.Server.Observability;

/// <summary>
/// What one GraphQL operation leaves behind for operators, whatever transport it came on: a span
/// (<c>query ConnectorList</c>, with the operation's type, name and the SHA-256 of its document — never its variables,
/// whose values may be secrets, nor its text, whose literals may be) and the operation metrics of <see cref="CocoMetrics"/>.
/// </summary>
public sealed class GraphQLOperationTelemetry(CocoMetrics metrics, OperationNameLabels names)
{
    // Parsed documents are shared through ParsedDocumentCache, so a repeated operation hashes its text once; the
    // entries go with their documents.
    private readonly ConditionalWeakTable<GraphQLDocument, string> _hashes = new();

    /// <summary>Starts the operation's span (null when no one listens); the store's spans become its children.</summary>
    public static Activity? StartSpan() => CocoTelemetry.Source.StartActivity("graphql.operation");

    /// <summary>Names and tags the span after execution, ends it, and records the metrics.</summary>
    public void Complete(Activity? span, GraphQLRequest request, ExecutionResult result, long startedAt)
    {
        var operation = result.Operation ?? Chosen(result.Document, request.OperationName);
        var type = operation?.Operation switch
        {
            OperationType.Query => "query",
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "unknown",
        };
        var name = operation?.Name?.StringValue ?? request.OperationName;
        var outcome = Outcome(result, out var code);
        metrics.OperationExecuted(type, names.For(name), outcome, Stopwatch.GetElapsedTime(startedAt));
        if (code is not null)
        {
            metrics.OperationRejected(code);
        }

        if (span is null)
        {
            return;
        }

        // An unrecorded span (kept only to carry the trace context) is never exported: name and tags would be waste.
        if (span.IsAllDataRequested)
        {
            span.DisplayName = name is null ? type : $"{type} {names.For(name)}";
            span.SetTag("graphql.operation.type", type);
            span.SetTag("graphql.operation.name", name is null ? null : names.For(name));
            span.SetTag("graphql.document.hash", DocumentHash(request, result.Document));
            span.SetTag("coco.graphql.outcome", outcome);
            if (result.Errors is { Count: > 0 } errors)
            {
                span.SetTag("error.type", errors[0].Code ?? "GRAPHQL_ERROR");
                span.SetStatus(ActivityStatusCode.Error);
            }
        }

        span.Stop();
    }

    // A refused document still names its operation when it parsed: the one asked for, or the only one.
    private static GraphQLOperationDefinition? Chosen(GraphQLDocument? document, string? operationName)
    {
        var operations = document?.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operations switch
        {
            null or { Count: 0 } => null,
            { Count: 1 } => operations[0],
            _ => operations.FirstOrDefault(o => o.Name?.StringValue == operationName),
        };
    }

    // success, error (executed with errors), invalid (refused by parsing or validation), rejected (refused by a limit).
    private static string Outcome(ExecutionResult result, out string? rejection)
    {
        rejection = null;
        if (result.Executed)
        {
            return result.Errors is { Count: > 0 } ? "error" : "success";
        }

        rejection = result.Errors?.FirstOrDefault()?.Code ?? "INVALID";
        return result.Errors is { Count: > 0 } errors && errors.All(e => e is RequestLimitError) ? "rejected" : "invalid";
    }

    // A persisted document is named by its id; a sent one by the SHA-256 of its text, enough to find it again.
    private string? DocumentHash(GraphQLRequest request, GraphQLDocument? document) => request switch
    {
        { Query: { } text } when document is not null => CachedHash(document, text),
        { Query: { } text } => Sha256(text),
        { DocumentId: { } id } => id,
        _ => null,
    };

    private string CachedHash(GraphQLDocument document, string text)
    {
        if (!_hashes.TryGetValue(document, out var hash))
        {
            hash = Sha256(text);
            _hashes.AddOrUpdate(document, hash);
        }

        return hash;
    }

    private static string Sha256(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
