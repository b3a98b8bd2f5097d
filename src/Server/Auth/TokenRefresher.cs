using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Auth;

/// <summary>Re-reads the tokens on an interval (the first read happens at startup, before requests are taken).</summary>
public sealed partial class TokenRefresher(TokenDirectory directory, IOptions<AuthOptions> options, ILogger<TokenRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await directory.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be down for a while: keep the last tokens known and try again next tick.
                LogRefreshFailed(ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the API tokens ({Error}); the last ones read stay in force")]
    private partial void LogRefreshFailed(string error);
}
