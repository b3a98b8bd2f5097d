using System.Data.Common;
using Coco.Connectors.Secrets.AtRest;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// How the server says it cannot start: one line on standard error naming the problem (a missing or wrong key, a bad
/// setting, an unreachable store) and exit code <see cref="ExitCode"/>, instead of an unhandled
/// exception's stack trace and the runtime's abort (134). An exception of a kind no check raises is a bug: its stack
/// trace follows the line.
/// </summary>
public static class StartupFailure
{
    /// <summary>The exit code of a server that refused to start (a crash would be 134).</summary>
    public const int ExitCode = 1;

    /// <summary>
    /// Whether this program is the process (not hosted by a test's WebApplicationFactory, which must see the exception
    /// itself: the server is then only a part of another program).
    /// </summary>
    public static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    public static int Report(Exception failure, TextWriter error)
    {
        var refusal = Refusal(failure);
        error.WriteLine($"Coco Connectors cannot start: {OneLine((refusal ?? failure).Message)}");
        if (refusal is null)
        {
            error.WriteLine(failure);
        }

        return ExitCode;
    }

    /// <summary>The exception that says why, when <paramref name="failure"/> is a refusal rather than a bug.</summary>
    private static Exception? Refusal(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions: [var single] } => Refusal(single),
        OptionsValidationException or InvalidOperationException or SecretCipherException or ArgumentException or FormatException
            or IOException or UnauthorizedAccessException or DbException => failure,
        _ => null,
    };

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
