namespace Coco.Connectors.Server.Auth;

/// <summary>Reads the tokens before requests are taken and says at startup who the server will serve.</summary>
public static partial class AuthStartup
{
    public static async Task PrepareAuthAsync(this WebApplication app, CancellationToken ct = default)
    {
        var directory = app.Services.GetRequiredService<TokenDirectory>();
        await directory.RefreshAsync(ct);
        var access = app.Services.GetRequiredService<CallerAccess>();
        var logger = app.Logger;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (access.AllowsAnonymous)
            {
                LogAnonymous(logger);
            }
            else if (directory.HasTokens)
            {
                LogTokensRequired(logger);
            }
            else
            {
                LogProtectedMode(logger);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access: an API token (X-API-TOKEN or Authorization: Bearer) is required")]
    private static partial void LogTokensRequired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Access: protected mode. No API token exists, so only clients on this machine (loopback) are served, without a token. "
        + "Create one with `tokens create --name <name> --permissions <list>` to serve other machines")]
    private static partial void LogProtectedMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Access: Auth:AllowAnonymous=true, so ANYONE who can reach this server can read and change every connector without a token")]
    private static partial void LogAnonymous(ILogger logger);
}
