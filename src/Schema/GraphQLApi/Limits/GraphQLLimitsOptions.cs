namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// What one GraphQL request may cost, bound from the <c>GraphQL:Limits</c> configuration section. The defaults sit
/// well above what a real UI sends (the IDE introspection query, a page of 50 connectors with every field, a Relay
/// page of a few dozen fragments) and far below what hurts the server. Each limit refuses with its own
/// <c>extensions.code</c> (<see cref="LimitCodes"/>); docs/limits.md explains them.
/// </summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "GraphQL:Limits";

    /// <summary>
    /// Lexical tokens in the document (punctuation, names, values; not comments), counted before parsing. The
    /// engine's validation does work per error that grows with the document, so this bounds the worst of it.
    /// </summary>
    public int MaxTokens { get; set; } = 5_000;

    /// <summary>Operations in one document: the validator checks every one of them, not only the one that runs.</summary>
    public int MaxOperations { get; set; } = 100;

    /// <summary>
    /// Fragment definitions in one document: the validator walks every one (unused ones too, one error each).
    /// </summary>
    public int MaxFragments { get; set; } = 100;

    /// <summary>
    /// Items in one list written in the document — a list value, an object value's fields, a field's arguments, an
    /// operation's variables — and in one list-typed variable value.
    /// </summary>
    public int MaxListLength { get; set; } = 100;

    /// <summary>
    /// Selections (fields, fragment spreads, inline fragments) with every fragment spread counted as everything it
    /// expands to: what execution would walk.
    /// </summary>
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Nesting of fields, through fragments.</summary>
    public int MaxDepth { get; set; } = 20;

    /// <summary>Aliased fields, through fragments: each alias of a root field is one more trip to the store.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Directives, through fragments.</summary>
    public int MaxDirectives { get; set; } = 50;

    /// <summary>
    /// Pairs the field-merging check must compare: same-named fields, and fragments spread side by side, within one
    /// selection set (through fragments). That check is quadratic, so repeats are budgeted, not fields.
    /// </summary>
    public int MaxFieldMerges { get; set; } = 2_000;

    /// <summary>Root fields of one mutation operation: each is a write.</summary>
    public int MaxMutationFields { get; set; } = 10;

    /// <summary>The estimated cost of the operation (see <see cref="CostAnalysisRule"/>), with the request's variables.</summary>
    public int MaxCost { get; set; } = 25_000;

    /// <summary>The cost of a root field other than <c>__schema</c>/<c>__type</c>/<c>__typename</c>: a trip to the store. Other fields cost 1.</summary>
    public int RootFieldCost { get; set; } = 100;

    /// <summary>The size assumed for a list of objects whose size the cost model cannot tell.</summary>
    public int DefaultListSize { get; set; } = 20;

    /// <summary>The largest serialized response body; a bigger result is replaced by a <c>RESPONSE_TOO_LARGE</c> error.</summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The response bytes all executions together may hold at once (<see cref="ServerResponseBudget"/>); an execution
    /// that would pass it stops with <c>SERVER_BUSY</c> (503 with <c>Retry-After</c> under graphql-response+json).
    /// </summary>
    public long MaxInFlightResponseBytes { get; set; } = 128 * 1024 * 1024;

    /// <summary>How long one execution (validation included) may take; zero or negative turns the timeout off.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Errors in one response; the rest are summed up in a last error.</summary>
    public int MaxErrors { get; set; } = 100;
}
