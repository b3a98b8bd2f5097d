namespace Coco.Connectors.Client;

/// <summary>
/// The server's answer did not fit the types generated from <c>schema.graphql</c> (a missing field, a value of
/// another type, an enum value or type the client does not know): the client and the server's schema differ.
/// </summary>
public sealed class GraphQLResponseException : ConnectorClientException
{
    /// <summary>The response is not a GraphQL response or does not match the generated types.</summary>
    public const string BadResponse = "BAD_RESPONSE";

    public GraphQLResponseException(string message, Exception? innerException = null)
        : base(message, BadResponse, innerException)
    {
    }
}
