using System.Diagnostics;
using System.Text;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// The real server as its own process (<c>dotnet Coco.Connectors.GraphQL.Server.dll</c>), started from a working
/// directory of the test's choosing with a clean environment, its console output captured byte for byte: what an
/// operator runs and sees. Stopped with SIGTERM, so the log is flushed as on a normal shutdown.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;
    private bool _withTestToken;

    private ServerProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(CaptureAsync(process.StandardOutput), CaptureAsync(process.StandardError));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server. Without <paramref name="withTestToken"/> it runs in protected mode (no token: this machine is
    /// served without one); with it, the test suite's token is configured and <see cref="CreateHttpClient"/> sends it.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, bool withTestToken = false)
    {
        var start = StartInfo(workingDirectory, environment, withTestToken, ["--urls", "http://127.0.0.1:0"]);
        var server = new ServerProcess(Process.Start(start)!) { _withTestToken = withTestToken };
        server.BaseAddress = await server.WaitForAddressAsync();
        return server;
    }

    /// <summary>Runs the server's program with <paramref name="args"/> (a command, or a start that is refused) to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var run = new ServerProcess(Process.Start(StartInfo(workingDirectory, environment, withTestToken: false, args))!);
        var output = await run.WaitForExitAsync();
        return (run.ExitCode, output);
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, bool withTestToken, string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "Coco.Connectors.GraphQL.Server.dll"), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(IsServerSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        // Stated, not left to the environment's default: the suites make many requests from this machine quickly.
        start.Environment["RateLimits__Enabled"] = "false";
        if (withTestToken)
        {
            start.Environment["Auth__TokenKey"] = Convert.ToBase64String(CocoServer.TestTokenKey);
            start.Environment["Auth__Tokens__test-suite__Hash"] = CocoServer.HashOf(CocoServer.TestToken);
            start.Environment["Auth__Tokens__test-suite__Permissions"] = "*";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (_withTestToken)
        {
            client.DefaultRequestHeaders.Add("X-API-TOKEN", CocoServer.TestToken);
        }

        return client;
    }

    /// <summary>The process's exit code, once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Sends SIGTERM and returns at once, without waiting for the server to stop.</summary>
    public async Task SignalTerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Stops the server the way a service manager does (SIGTERM) and returns everything it wrote.</summary>
    public async Task<string> StopAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows())
            {
                _process.Kill();
            }
            else
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
        }

        using var timeout = new CancellationTokenSource(Patience.Limit);
        await _process.WaitForExitAsync(timeout.Token);
        await _reading;
        return Output;
    }

    /// <summary>Waits for the server to exit on its own (after <see cref="SignalTerminateAsync"/>) and returns its output.</summary>
    public async Task<string> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience.Limit);
        await _process.WaitForExitAsync(timeout.Token);
        await _reading;
        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool IsServerSetting(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("RateLimits__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Audit__", StringComparison.OrdinalIgnoreCase);

    // The dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH for its child processes), else the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private async Task CaptureAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.Append(buffer, 0, read);
            }
        }
    }

    private async Task<Uri> WaitForAddressAsync()
    {
        const string Listening = "Now listening on: ";
        var deadline = DateTime.UtcNow + Patience.Limit;
        while (true)
        {
            var output = Output;
            var at = output.IndexOf(Listening, StringComparison.Ordinal);
            var end = at < 0 ? -1 : output.IndexOf('\n', at);
            if (end > 0)
            {
                // The address ends the text line, or the message's JSON string in the JSON log format.
                var address = output[(at + Listening.Length)..end].Split('"')[0].Trim();
                return new Uri(address + "/");
            }

            Assert.False(_process.HasExited, $"The server exited with {(_process.HasExited ? _process.ExitCode : 0)}: {output}");
            Assert.True(DateTime.UtcNow < deadline, $"The server did not start listening: {output}");
            await Task.Delay(50);
        }
    }
}
