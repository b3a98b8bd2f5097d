using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Coco.Connectors.Tests.Playground;

/// <summary>
/// GraphiQL at <c>/graphql</c> in headless Chromium against the real server: one browser for the class, a fresh
/// profile (a first visit) per test. <c>UPDATE_SCREENSHOTS=1</c> rewrites the PNGs in <c>docs/</c>.
/// </summary>
public sealed class PlaygroundBrowserTests(ProtectedModeCocoServer server, HeadlessChromium chromium, ITestOutputHelper output)
    : IClassFixture<ProtectedModeCocoServer>, IClassFixture<HeadlessChromium>
{
    // Everything a first visit transfers before the user does anything (compressed files and the introspection result).
    private const long PageWeightBound = 2_500_000;

    private static readonly string[] ExampleTabs = ["SearchConnectors", "CreateConnector", "UpdateConnector", "WatchConnectors"];

    [SkippableFact]
    public async Task The_page_loads_only_from_this_server_without_errors_and_introspection_fills_the_docs_explorer()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        Assert.Null(session.Introspection["errors"]);
        Assert.Equal("Query", (string?)session.Introspection["data"]?["__schema"]?["queryType"]?["name"]);

        await page.GetByLabel("Show Documentation Explorer").ClickAsync();
        var explorer = page.Locator(".graphiql-doc-explorer");
        await Expect(explorer).ToContainTextAsync("subscription: Subscription");
        await explorer.GetByText("Query", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        await Expect(explorer).ToContainTextAsync("connectorsPage");
        await Expect(explorer).ToContainTextAsync("Connectors, a page at a time, with cursors.");

        await page.Locator(".graphiql-doc-explorer-search-input input").FillAsync("VersionConflict");
        await Expect(page.Locator("[data-cy=doc-explorer-option]", new PageLocatorOptions { HasText = "VersionConflictError" }).First).ToBeVisibleAsync();

        // Everything a first visit loads has arrived once the editor's three workers (query, variables, headers) run.
        await Eventually.TrueAsync(() => session.Requests.Select(r => r.Url).Where(u => u.Contains(".worker-", StringComparison.Ordinal)).Distinct().Count() == 3,
            "the editor's workers have loaded");
        var weight = await PageWeightAsync(session);
        output.WriteLine($"page weight: {weight.Requests} requests, {weight.Bytes:N0} bytes transferred ({weight.Encoding}), {weight.Decoded:N0} decoded");
        Assert.InRange(weight.Bytes, 1, PageWeightBound);
        session.AssertClean();

        await page.Keyboard.PressAsync("Escape");
        await session.RunForDataAsync();
        await explorer.GetByText("connectors", new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
        await Expect(explorer).ToContainTextAsync("ConnectorFilterInput");
        await ScreenshotAsync(page, "playground-explorer.png");
    }

    [SkippableFact]
    public async Task A_typed_query_is_completed_validated_run_prettified_and_kept_in_history()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GetByLabel("New tab").ClickAsync();

        await session.TypeOperationAsync("{ connectorById(id: \"github\") { nam");
        await page.Keyboard.PressAsync("Control+Space");
        await Expect(page.Locator(".monaco-editor .suggest-widget")).ToContainTextAsync("name");

        await session.TypeOperationAsync("{ connectorById(id: \"github\") { colour } }");
        await Expect(page.Locator(".graphiql-query-editor .squiggly-error").First).ToBeAttachedAsync();

        await session.TypeOperationAsync("{ connectorById(id: \"github\") { name category builtin } }");
        var result = await session.RunForDataAsync();

        Assert.Equal("GitHub Connector", (string?)result["connectorById"]?["name"]);
        await Expect(session.Response).ToContainTextAsync("\"name\": \"GitHub Connector\"");
        await Expect(session.Response).ToContainTextAsync("\"builtin\": true");

        await page.GetByLabel("Prettify query (Shift-Ctrl-P)").ClickAsync();
        await Expect(page.Locator(".graphiql-query-editor .view-line")).ToHaveCountAsync(8); // one field a line, and a final newline
        await page.GetByLabel("Show History").ClickAsync();
        await Expect(page.Locator(".graphiql-history")).ToContainTextAsync("connectorById");
        session.AssertClean();
    }

    [SkippableFact]
    public async Task The_example_tabs_run_without_errors_and_the_watch_tab_shows_a_REST_write_as_it_happens()
    {
        using var live = new LiveServer(server);
        await using var session = await OpenAsync();
        foreach (var name in ExampleTabs)
        {
            await Expect(session.Page.Locator(".graphiql-tab-button", new PageLocatorOptions { HasText = name })).ToBeVisibleAsync();
        }

        await session.SelectTabAsync("SearchConnectors");
        var search = await session.RunForDataAsync();
        Assert.Equal(5, search["connectors"]!["nodes"]!.AsArray().Count);
        await Expect(session.Response).ToContainTextAsync("\"hasNextPage\": true");

        await session.SelectTabAsync("CreateConnector");
        var create = (await session.RunForDataAsync())["createConnector"]!;
        Assert.True(create["errors"] is null, create.ToJsonString());
        Assert.Equal("******", (string?)create["connector"]!["config"]!["token"]);
        await Expect(session.Response).ToContainTextAsync("\"id\": \"playground-demo\"");

        await session.SelectTabAsync("UpdateConnector");
        var update = (await session.RunForDataAsync())["updateConnector"]!;
        Assert.True(update["errors"] is null, update.ToJsonString());
        Assert.Equal(2, (int?)update["connector"]!["version"]);
        await Expect(session.Response).ToContainTextAsync("\"version\": 2");

        await session.SelectTabAsync("WatchConnectors");
        var subscribers = live.Subscribers;
        await session.RunAsync();
        await live.WaitForSubscribersAsync(subscribers + 1);
        await live.UpdateAsync("playground-demo", new { description = "Changed through REST while the playground watches" });

        await Expect(session.Response).ToContainTextAsync("\"kind\": \"UPDATED\"");
        await Expect(session.Response).ToContainTextAsync("Changed through REST while the playground watches");
        await Expect(session.Response).ToContainTextAsync("\"version\": 3");
        session.AssertClean();
        await ScreenshotAsync(session.Page, "playground-subscription.png");

        await session.RunAsync(); // stop
        await live.WaitForSubscribersAsync(subscribers);
    }

    [SkippableFact]
    public async Task A_header_typed_into_the_headers_editor_is_kept_across_reloads_and_sent()
    {
        // Not an API token: this server is in protected mode, where any token sent is checked (and this one would fail).
        const string token = "playground-tag-6f1c";
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GetByLabel("New tab").ClickAsync();
        await session.TypeOperationAsync("{ connectorById(id: \"github\") { id } }");

        await page.GetByText("Headers", new PageGetByTextOptions { Exact = true }).ClickAsync();
        await page.Locator(".graphiql-editor-tool .monaco-editor .view-lines").Last.ClickAsync();
        await page.Keyboard.InsertTextAsync($"{{\"X-Request-Tag\": \"{token}\"}}");
        var first = await page.RunAndWaitForRequestAsync(session.RunAsync,
            r => r.Method == "POST" && !(r.PostData ?? "").Contains("IntrospectionQuery"));
        Assert.Equal(token, await first.HeaderValueAsync("X-Request-Tag"));

        // GraphiQL saves its tabs to localStorage shortly after an edit; a reload before that would lose any edit.
        await page.WaitForFunctionAsync("""
            token => Object.keys(localStorage).some(key => key.endsWith(':tabState') && localStorage.getItem(key).includes(token))
            """, token);
        await session.ReloadAsync();
        await page.GetByText("Headers", new PageGetByTextOptions { Exact = true }).ClickAsync();
        await Expect(page.Locator(".graphiql-editor-tool .monaco-editor").Last).ToContainTextAsync(token);
        var sent = await page.RunAndWaitForRequestAsync(session.RunAsync,
            r => r.Method == "POST" && !(r.PostData ?? "").Contains("IntrospectionQuery"));

        Assert.Equal(token, await sent.HeaderValueAsync("X-Request-Tag"));
        session.AssertClean();
    }

    [SkippableTheory]
    [InlineData(ColorScheme.Dark, true)]
    [InlineData(ColorScheme.Light, false)]
    public async Task The_theme_follows_the_system(ColorScheme scheme, bool dark)
    {
        await using var session = await OpenAsync(colorScheme: scheme);

        // The container's background colour: light or dark by its luminance.
        var luminance = await session.Page.EvaluateAsync<double>("""
            () => {
              const [r, g, b] = getComputedStyle(document.querySelector('.graphiql-container')).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
              return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
            }
            """);
        Assert.Equal(dark, luminance < 0.5);
        session.AssertClean();
    }

    [SkippableFact]
    public async Task The_landing_page_links_the_playground_and_it_opens()
    {
        var context = await chromium.NewContextAsync();
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseAddress.ToString());

        await Expect(page.Locator("h1")).ToHaveTextAsync("Coco Connectors GraphQL");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "GraphQL playground" }).ClickAsync();
        await Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync();
        Assert.EndsWith("/graphql", page.Url, StringComparison.Ordinal);
    }

    private async Task<PlaygroundSession> OpenAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        _ = chromium.Browser; // skips (developer) or fails (CI) with the reason when there is no Chromium
        PlaygroundBundle.Require(server);
        return await PlaygroundSession.OpenAsync(chromium, server, colorScheme: colorScheme);
    }

    /// <summary>
    /// What the page fetched over the network, by the browser's resource timing (headers and compressed bodies;
    /// a second use of a cached file costs nothing), its size decoded, and the coding the main script came in.
    /// </summary>
    private static async Task<(int Requests, long Bytes, long Decoded, string? Encoding)> PageWeightAsync(PlaygroundSession session)
    {
        var sizes = await session.Page.EvaluateAsync<long[][]>(
            "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).filter(e => e.transferSize > 0).map(e => [e.transferSize, e.decodedBodySize])");
        var script = session.Requests.First(r => r.Url.Contains("/ui/assets/graphiql-", StringComparison.Ordinal) && r.Url.EndsWith(".js", StringComparison.Ordinal));
        var response = await script.ResponseAsync().WaitAsync(Patience.Limit);
        return (sizes.Length, sizes.Sum(s => s[0]), sizes.Sum(s => s[1]), response is null ? null : await response.HeaderValueAsync("Content-Encoding"));
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            await page.SetViewportSizeAsync(1360, 765);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", name) });
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "schema.graphql")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (schema.graphql) not found above " + AppContext.BaseDirectory);
    }
}
