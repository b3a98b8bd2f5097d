namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>The <c>extensions.code</c> of each refusal by a request limit (<see cref="GraphQLLimitsOptions"/>).</summary>
public static class LimitCodes
{
    public const string MaxTokens = "MAX_TOKENS_EXCEEDED";
    public const string MaxOperations = "MAX_OPERATIONS_EXCEEDED";
    public const string MaxFragments = "MAX_FRAGMENTS_EXCEEDED";
    public const string ListTooLong = "LIST_TOO_LONG";
    public const string MaxFields = "MAX_FIELDS_EXCEEDED";
    public const string MaxDepth = "MAX_DEPTH_EXCEEDED";
    public const string MaxAliases = "MAX_ALIASES_EXCEEDED";
    public const string MaxDirectives = "MAX_DIRECTIVES_EXCEEDED";
    public const string MaxFieldMerges = "MAX_FIELD_MERGES_EXCEEDED";
    public const string MutationFields = "MUTATION_FIELDS_EXCEEDED";
    public const string Cost = "COST_EXCEEDED";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string ServerBusy = "SERVER_BUSY";
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";
    public const string TooManyErrors = "TOO_MANY_ERRORS";
}
