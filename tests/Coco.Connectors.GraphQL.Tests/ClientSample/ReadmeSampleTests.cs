using Coco.Connectors.Client;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// The README's client sample, compiled and run against the real server (keep the two in step): a fresh server on this
/// machine, in protected mode, as a first-time user runs it.
/// </summary>
public sealed class ReadmeSampleTests(ProtectedModeCocoServer server) : IClassFixture<ProtectedModeCocoServer>
{
    [Fact]
    public async Task The_readme_sample_reads_updates_and_watches()
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        using var live = new LiveServer(server);
        var sample = Task.Run(() => Sample(server.BaseAddress, synchronized, stop.Token));

        await live.WaitForSubscribersAsync(1);
        var id = await live.CreateAsync(new { name = "Seen by the sample" });
        await Eventually.TrueAsync(() => Text().Contains($"Created {id} v1: Seen by the sample", StringComparison.Ordinal), "the sample prints the change");
        await stop.CancelAsync();
        await sample.WaitAsync(Patience.Limit);

        Assert.StartsWith("GitHub Connector v1\n", Text(), StringComparison.Ordinal);
        Assert.EndsWith("stopped\n", Text(), StringComparison.Ordinal);
        Assert.Equal("Our GitHub", (await server.StoredAsync("github"))!.Description);

        string Text()
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        }
    }

    // The README's code, with Console replaced by a writer the test reads and Ctrl+C by the test's token.
    private static async Task Sample(Uri serverAddress, TextWriter console, CancellationToken stopToken)
    {
        var services = new ServiceCollection();
        services.AddConnectorClient(serverAddress); // e.g. new Uri("http://127.0.0.1:9000")
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IConnectorClient>();

        // A query returns generated records; a missing connector is null.
        var github = (await client.GetConnectorAsync("github")).ConnectorById!;
        console.WriteLine($"{github.Name} v{github.Version}");

        // A mutation returns its payload; a refusal is one of a closed set of error records.
        var result = await client.UpdateConnectorAsync(new UpdateConnectorInput
        {
            Id = github.Id,
            Description = "Our GitHub",
            ExpectedVersion = github.Version, // refused if someone changed it meanwhile
        });
        foreach (var error in result.UpdateConnector.Errors ?? [])
        {
            console.WriteLine(error.Match(
                validationError: e => $"{e.Field}: {e.Message}",
                connectorNotFoundError: e => $"no connector {e.Id}",
                versionConflictError: e => $"changed meanwhile, now v{e.ActualVersion}"));
        }

        // Live changes until Ctrl+C; the client reconnects and resubscribes by itself.
        try
        {
            await foreach (var change in client.WatchConnectorsAsync(cancellationToken: stopToken))
            {
                var e = change.OnConnectorChanged;
                console.WriteLine($"{e.Kind} {e.Id} v{e.Version}: {e.Connector?.Name}");
            }
        }
        catch (OperationCanceledException)
        {
            console.WriteLine("stopped");
        }
    }
}
