using GraphQL.Validation;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// A request refused by one of its limits: a request error (400 under graphql-response+json) whose
/// <c>extensions</c> carry the <c>code</c> and the configured <c>limit</c>. Its message never quotes the request, so
/// it needs no secret scrubbing.
/// </summary>
public sealed class RequestLimitError : ValidationError
{
    public RequestLimitError(string code, string message, long limit)
        : base(message)
    {
        Code = code;
        Limit = limit;
        Extensions = new Dictionary<string, object?> { ["limit"] = limit };
    }

    public long Limit { get; }
}
