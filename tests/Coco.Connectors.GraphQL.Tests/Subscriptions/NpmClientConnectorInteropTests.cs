using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// The official npm clients (graphql-ws 6, subscriptions-transport-ws 0.11) against the real connector schema:
/// <c>tests/interop/connector-updates.mjs</c> subscribes to <c>onConnectorUpdated</c> and prints what it receives
/// while this test writes through REST. Same rule as <see cref="NpmClientInteropTests"/>: without Node.js a developer's
/// run skips with the reason, a CI run (CI=true) fails. It sits in that class's collection so the two never run
/// <c>npm ci</c> in the same folder at once.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class NpmClientConnectorInteropTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private const string Token = "npm-tok-3b7e21";
    private const string Password = "npm-pw-a5c9f0";
    private const int Updates = 3;

    private readonly LiveServer _live = new(server);

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    [SkippableTheory]
    [InlineData("graphql-ws")]
    [InlineData("apollo")]
    public async Task Official_client_receives_rest_writes_on_the_connector_schema_with_secrets_masked(string client)
    {
        var folder = await NodeInterop.PrepareAsync();
        var id = await _live.CreateAsync(new { name = $"npm {client}", config = new { token = Token, db = new { password = Password } } });

        using var node = Start(folder, "node", "connector-updates.mjs", client, server.GraphQLWebSocketUri.ToString(), id, $"{Updates}");
        try
        {
            // Events are not replayed: write only once the server has attached the client's subscription.
            await Eventually.TrueAsync(() => _live.Subscribers == 1 || node.Process.HasExited, "the npm client has subscribed");
            Assert.False(node.Process.HasExited, $"node exited early with {(node.Process.HasExited ? node.Process.ExitCode : 0)}:\n{node.Output}");

            for (var i = 1; i <= Updates; i++)
            {
                await _live.UpdateAsync(id, i == 1
                    ? new { description = "update 1", config = new { token = Token + "-rotated" } }
                    : new { description = $"update {i}" });
            }

            var output = await node.WaitAsync();
            Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, output, StringComparison.Ordinal);

            using var report = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last());
            Assert.True(report.RootElement.GetProperty("done").GetBoolean());
            var events = report.RootElement.GetProperty("events").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(2, Updates), events.Select(e => e.GetProperty("version").GetInt32()));
            Assert.Equal(Enumerable.Range(1, Updates).Select(i => $"update {i}"), events.Select(e => e.GetProperty("description").GetString()));
            Assert.All(events, e =>
            {
                Assert.Equal(id, e.GetProperty("id").GetString());
                Assert.Equal("******", e.GetProperty("config").GetProperty("token").GetString());
                Assert.Equal("******", e.GetProperty("config").GetProperty("db").GetProperty("password").GetString());
            });

            // The client unsubscribed and disconnected: the server let go of it.
            await _live.WaitForSubscribersAsync(0);
        }
        finally
        {
            node.Kill();
        }
    }

    private static RunningTool Start(string folder, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(NodeInterop.FindOnPath(tool) ?? tool, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["COCO_API_TOKEN"] = CocoServer.TestToken },
        };
        return new RunningTool($"{tool} {string.Join(' ', arguments)}", Process.Start(start)!);
    }

    /// <summary>A child process whose output is collected as it runs, so the test can act while it waits.</summary>
    private sealed class RunningTool : IDisposable
    {
        private readonly string _command;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        public RunningTool(string command, Process process)
        {
            _command = command;
            Process = process;
            process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_stdout)
                {
                    return $"{_stdout}\n{_stderr}";
                }
            }
        }

        /// <summary>Waits for the exit (with a hang guard) and returns standard output; fails with all output otherwise.</summary>
        public async Task<string> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw new TimeoutException($"{_command} did not finish:\n{Output}");
            }

            Assert.True(Process.ExitCode == 0, $"{_command} exited with {Process.ExitCode}:\n{Output}");
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
        }

        public void Dispose() => Process.Dispose();

        private void Append(StringBuilder target, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_stdout)
            {
                target.AppendLine(line);
            }
        }
    }
}
