using System.Net.Sockets;
using Npgsql;

namespace Coco.Connectors.Storage;

/// <summary>
/// The one place that tells a store outage from a bug, for every provider. REST answers an outage with 503 and
/// Coco's envelope, GraphQL with an error coded <see cref="UnavailableCode"/>; startup waits and retries.
/// </summary>
public static class StoreFailures
{
    public const string UnavailableCode = "STORE_UNAVAILABLE";

    public const string UnavailableMessage = "The store is unavailable right now; retry shortly.";

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says the database cannot be reached right now: the
    /// connection was refused or lost, the server is shutting down or starting, or it has no connection slot left.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Unavailable(exception) is not null;

    /// <summary>A short reason for a log line (no stack trace, no connection string).</summary>
    public static string Reason(Exception exception) =>
        Unavailable(exception) is { } e ? (e.InnerException is SocketException socket ? $"{e.Message}: {socket.SocketErrorCode}" : e.Message) : exception.GetType().Name;

    private static Exception? Unavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return pg;
                case PostgresException:
                    return null;
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return npgsql;
            }
        }

        return null;
    }
}
