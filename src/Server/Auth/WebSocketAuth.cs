using Coco.Connectors.Auth;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// Who a GraphQL WebSocket speaks for: the token in the <c>connection_init</c> payload (<c>X-API-TOKEN</c> or
/// <c>Authorization</c>, at the top level or under <c>headers</c>, as Apollo and urql clients put it), else the caller of
/// the upgrade request (its header, or protected mode's anonymous caller).
/// </summary>
public sealed class WebSocketAuth(Caller? upgradeCaller, TokenDirectory directory)
{
    public TokenDirectory Directory => directory;

    /// <summary>The caller, or null: then the socket is closed with 4401.</summary>
    public Caller? Authenticate(IReadOnlyDictionary<string, object?>? parameters)
    {
        var token = TokenIn(parameters) ?? (parameters?.TryGetValue("headers", out var headers) == true
            ? TokenIn(headers as IReadOnlyDictionary<string, object?> ?? (headers as IDictionary<string, object?>)?.AsReadOnly())
            : null);
        return token is null ? upgradeCaller : directory.Authenticate(token);
    }

    private static string? TokenIn(IReadOnlyDictionary<string, object?>? values)
    {
        if (values is null)
        {
            return null;
        }

        foreach (var (key, value) in values)
        {
            if (value is not string { Length: > 0 } text)
            {
                continue;
            }

            if (key.Equals(CallerAccess.TokenHeader, StringComparison.OrdinalIgnoreCase))
            {
                return text.Trim();
            }

            if (key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return CallerAccess.FromBearer(text) ?? text.Trim();
            }
        }

        return null;
    }
}
