using System.Text.Json;
using Coco.Connectors.ClientSample.Cli;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>The console's commands end to end against the real server: output, one-line errors and exit codes.</summary>
public sealed class ConsoleCommandTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private readonly LiveServer _live = new(server);

    private Task<ConsoleRun> RunAsync(params string[] args) => ConsoleRun.RunAsync(server.BaseAddress, args);

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    [Fact]
    public async Task List_prints_a_table_of_one_page_and_pages_through_everything_with_all()
    {
        var page = await RunAsync("list", "--first", "5");
        Assert.Equal((0, ""), (page.ExitCode, page.Error));
        Assert.StartsWith("ID ", page.Lines[0], StringComparison.Ordinal);
        Assert.Equal(7, page.Lines.Length); // header, five rows, the footer
        Assert.Matches(@"^5 of \d+ connectors \(--all lists every one\)$", page.Lines[^1]);

        var all = await RunAsync("list", "--all", "--first", "4", "--json");
        Assert.Equal(0, all.ExitCode);
        var ids = JsonDocument.Parse(all.Output).RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var total = int.Parse(page.Lines[^1].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var databases = await RunAsync("list", "--category", "database", "--json");
        Assert.All(JsonDocument.Parse(databases.Output).RootElement.EnumerateArray(), c => Assert.Equal("database", c.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Get_shows_every_field_and_a_missing_id_is_one_line_and_exit_code_1()
    {
        var github = await RunAsync("get", "github");
        Assert.Equal(0, github.ExitCode);
        Assert.Contains("name:           GitHub Connector", github.Lines);
        Assert.Contains("builtin:        yes", github.Lines);

        var json = await RunAsync("get", "github", "--json");
        Assert.Equal("github", JsonDocument.Parse(json.Output).RootElement.GetProperty("id").GetString());

        var missing = await RunAsync("get", "no_such_connector");
        Assert.Equal((ExitCodes.Refused, "", "error: no connector has the id 'no_such_connector'\n"), (missing.ExitCode, missing.Output, missing.Error));
    }

    [Fact]
    public async Task Create_update_and_delete_report_results_and_refusals()
    {
        var created = await RunAsync("create", "--name", "Console made", "--category", "console", "--tag", "a", "--tag", "b",
            "--config", "token=tok-secret", "--config", "port=5432", "--json");
        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        var connector = JsonDocument.Parse(created.Output).RootElement;
        var id = connector.GetProperty("id").GetString()!;
        Assert.Equal("******", connector.GetProperty("config").GetProperty("token").GetString());
        Assert.Equal(5432, connector.GetProperty("config").GetProperty("port").GetInt32());
        Assert.DoesNotContain("tok-secret", created.Output, StringComparison.Ordinal);

        var updated = await RunAsync("update", id, "--description", "changed", "--disable");
        Assert.Equal(0, updated.ExitCode);
        Assert.Contains("description:    changed", updated.Lines);
        Assert.Contains("enabled:        no", updated.Lines);
        Assert.Contains("category:       console", updated.Lines); // untouched fields stay
        Assert.Contains("version:        2", updated.Lines);

        var stale = await RunAsync("update", id, "--name", "Lost", "--expected-version", "1");
        Assert.Equal(ExitCodes.Refused, stale.ExitCode);
        Assert.Equal($"error: connector '{id}' was changed by someone else: you had version 1, it is now at version 2; get it again and retry\n", stale.Error);

        var deleted = await RunAsync("delete", id);
        Assert.Equal((0, $"deleted {id}\n"), (deleted.ExitCode, deleted.Output));
        var again = await RunAsync("delete", id);
        Assert.Equal((ExitCodes.Refused, $"error: no connector has the id '{id}'\n"), (again.ExitCode, again.Error));

        var builtin = await RunAsync("delete", "github");
        Assert.Equal(ExitCodes.Refused, builtin.ExitCode);
        Assert.Single(builtin.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", builtin.Error, StringComparison.Ordinal);

        var invalid = await RunAsync("create", "--name", "x", "--url", "not a url");
        Assert.Equal(ExitCodes.Refused, invalid.ExitCode);
        Assert.Contains("url", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Categories_prints_counts()
    {
        var table = await RunAsync("categories");
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"^CATEGORY\s+COUNT$", table.Lines[0]);
        Assert.Contains(table.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^database\s+\d+$"));

        var json = await RunAsync("categories", "--json");
        Assert.Contains(JsonDocument.Parse(json.Output).RootElement.EnumerateArray(), c => c.GetProperty("category").GetString() == "database");
    }

    [Fact]
    public async Task Watch_prints_changes_made_through_rest_until_cancelled()
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var watch = ConsoleApp.RunAsync(["watch", "--category", "console-watch"], synchronized, TextWriter.Synchronized(error),
            ConsoleRun.Environment(server.BaseAddress), stop.Token);
        await _live.WaitForSubscribersAsync(1);

        var id = await _live.CreateAsync(new { name = "Watched from the console", category = "console-watch" });
        await _live.UpdateAsync(id, new { category = "elsewhere" });
        await Eventually.TrueAsync(() => Text().Contains($"UPDATED  {id}", StringComparison.Ordinal), "the update is printed");
        await stop.CancelAsync();

        Assert.Equal(0, await watch.WaitAsync(Patience.Limit));
        var lines = Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("KIND", lines[0], StringComparison.Ordinal);
        Assert.Matches($@"^CREATED  {id}\s+1\s+yes\s+Watched from the console$", lines[1]);
        Assert.Matches($@"^UPDATED  {id}\s+2\s+no\s+Watched from the console$", lines[2]);
        await _live.WaitForSubscribersAsync(0);

        string Text()
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        }
    }

    [Fact]
    public async Task Command_line_mistakes_are_usage_errors_with_exit_code_2()
    {
        foreach (var args in new[] { ["bogus"], ["get"], ["list", "--frist", "3"], ["list", "--first", "99"], ["update", "github"], new[] { "list", "--server", "ftp://x" } })
        {
            var run = await RunAsync(args);
            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        }

        var help = await RunAsync("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("watch [--category <category>]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line_and_exit_code_3()
    {
        var run = await ConsoleRun.RunAsync(new Uri("http://127.0.0.1:1/"), "list");

        Assert.Equal((ExitCodes.Unavailable, ""), (run.ExitCode, run.Output));
        Assert.StartsWith("error: Cannot reach the server at http://127.0.0.1:1/graphql", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_server_option_wins_over_the_environment()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ConsoleApp.RunAsync(["get", "github", "--server", server.BaseAddress.ToString()], output, error,
            name => name switch
            {
                "COCO_SERVER" => "http://127.0.0.1:1/",
                "COCO_API_TOKEN" => CocoServer.TestToken,
                _ => null,
            }, CancellationToken.None);

        Assert.Equal((0, ""), (exitCode, error.ToString()));
    }

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }
}
