using System.Net.WebSockets;

namespace Coco.Connectors.Client;

/// <summary>
/// A subscription's socket failed or was closed. <see cref="Fatal"/> when trying again cannot help (the server
/// refused the client: graphql-ws's list of close codes that its client does not retry, kept here).
/// </summary>
internal sealed class ConnectionLostException(string reason, WebSocketCloseStatus? closeStatus = null, bool fatal = false, Exception? inner = null)
    : Exception(reason, inner)
{
    private static readonly HashSet<int> FatalCloseCodes = [4004, 4005, 4400, 4401, 4406, 4409, 4429, 4500];

    public WebSocketCloseStatus? CloseStatus { get; } = closeStatus;

    public bool Fatal { get; } = fatal || closeStatus is { } status && IsFatal((int)status);

    public GraphQLTransportException ToTransportException(Uri endpoint, string? prefix = null) =>
        new($"{prefix}The subscription's connection to {endpoint} was lost: {Message}",
            CloseStatus is null ? GraphQLTransportException.ConnectionFailed : GraphQLTransportException.SocketClosed, this)
        {
            CloseStatus = CloseStatus,
        };

    // 1000-1999 are fatal except normal closure, going away (server restart), abnormal/no-status closes and the
    // "try again" codes; protocol codes 44xx/45xx are fatal when listed.
    private static bool IsFatal(int code) =>
        FatalCloseCodes.Contains(code) || code is >= 1000 and <= 1999 && code is not (1000 or 1001 or 1005 or 1006 or 1012 or 1013 or 1014);
}
