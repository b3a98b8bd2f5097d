namespace Coco.Connectors.Client;

/// <summary>
/// Why an operation gave no result: the server refused it (<see cref="GraphQLRequestException"/>), it could not
/// be delivered (<see cref="GraphQLTransportException"/>), or the answer did not fit the generated types
/// (<see cref="GraphQLResponseException"/>). Errors a mutation returns in its payload are results, not exceptions.
/// </summary>
public abstract class ConnectorClientException : Exception
{
    protected ConnectorClientException(string message, string code, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>A machine-readable reason: the server's <c>extensions.code</c>, or one of the client's own codes.</summary>
    public string Code { get; }
}
