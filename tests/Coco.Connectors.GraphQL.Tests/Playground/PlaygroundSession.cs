using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Coco.Connectors.Tests.Playground;

/// <summary>
/// A first visit to the playground in a fresh browser profile, recording what a user would not see: console errors,
/// uncaught exceptions, failed requests, and every request or socket that leaves for another origin.
/// </summary>
public sealed class PlaygroundSession : IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private readonly List<string> _foreign = [];
    private readonly List<IRequest> _requests = [];
    private readonly string _origin;

    static PlaygroundSession()
    {
        // Waits, not timing assertions: as generous as every other wait of the suites (a loaded two-core machine).
        SetDefaultExpectTimeout(WaitLimit);
    }

    private PlaygroundSession(IBrowserContext context, IPage page, Uri server)
    {
        Context = context;
        Page = page;
        _origin = server.GetLeftPart(UriPartial.Authority);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record(_problems, $"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record(_problems, $"uncaught: {error}");
        page.RequestFailed += (_, request) => Record(_problems, $"request failed: {request.Url} ({request.Failure})");
        context.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add(request);
            }

            CheckOrigin(request.Url);
        };
        page.WebSocket += (_, socket) => CheckOrigin(socket.Url);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The introspection result GraphiQL received on load.</summary>
    public JsonNode Introspection { get; private set; } = null!;

    public ILocator Response => Page.Locator(".graphiql-response");

    /// <summary><see cref="Patience.Limit"/> in Playwright's milliseconds.</summary>
    public static float WaitLimit => (float)Patience.Limit.TotalMilliseconds;

    public IReadOnlyList<IRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> and waits until GraphiQL has the schema.</summary>
    public static async Task<PlaygroundSession> OpenAsync(HeadlessChromium chromium, CocoServer server, string path = "graphql",
        ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await chromium.NewContextAsync(colorScheme);
        var session = new PlaygroundSession(context, await context.NewPageAsync(), server.BaseAddress);
        session.Page.SetDefaultTimeout(WaitLimit);
        await session.LoadAsync(() => session.Page.GotoAsync(server.BaseAddress + path));
        return session;
    }

    public Task ReloadAsync() => LoadAsync(() => Page.ReloadAsync());

    private async Task LoadAsync(Func<Task<IResponse?>> navigate)
    {
        var introspection = Page.WaitForResponseAsync(r => r.Request.Method == "POST" && (r.Request.PostData ?? "").Contains("IntrospectionQuery"),
            new PageWaitForResponseOptions { Timeout = WaitLimit });
        var page = await navigate();
        Assert.Equal(200, page!.Status);
        Introspection = JsonNode.Parse(await (await introspection).TextAsync())!;
        await Expect(Page.Locator(".graphiql-query-editor .monaco-editor")).ToBeVisibleAsync();
    }

    /// <summary>Fails with everything that went wrong so far: console errors, exceptions, failed or foreign requests.</summary>
    public void AssertClean()
    {
        lock (_problems)
        {
            Assert.True(_problems.Count == 0, "The page reported problems:\n" + string.Join("\n", _problems));
        }

        lock (_foreign)
        {
            Assert.True(_foreign.Count == 0, "The page contacted other origins:\n" + string.Join("\n", _foreign));
        }
    }

    /// <summary>Switches to a tab and waits until its operation is in the editor (GraphiQL swaps editor contents after the click).</summary>
    public async Task SelectTabAsync(string operationName)
    {
        await Page.Locator(".graphiql-tab-button", new PageLocatorOptions { HasText = operationName }).ClickAsync();
        await Expect(Page.Locator(".graphiql-query-editor .view-lines")).ToContainTextAsync(" " + operationName);
    }

    public Task RunAsync() => Page.Locator(".graphiql-execute-button").ClickAsync();

    /// <summary>Runs the active tab and returns the HTTP result's JSON (queries and mutations).</summary>
    public async Task<JsonNode> RunForResultAsync()
    {
        var response = await Page.RunAndWaitForResponseAsync(RunAsync,
            r => r.Request.Method == "POST" && !(r.Request.PostData ?? "").Contains("IntrospectionQuery"));
        return JsonNode.Parse(await response.TextAsync())!;
    }

    /// <summary>Runs the active tab and returns <c>data</c>, failing with the whole result when it has errors.</summary>
    public async Task<JsonNode> RunForDataAsync()
    {
        var result = await RunForResultAsync();
        Assert.True(result["errors"] is null && result["data"] is not null, $"The operation failed: {result.ToJsonString()}");
        return result["data"]!;
    }

    /// <summary>Replaces the operation in the active tab by typing, as a user would.</summary>
    public async Task TypeOperationAsync(string text)
    {
        await Page.Locator(".graphiql-query-editor .view-lines").ClickAsync();
        await Page.Keyboard.PressAsync("ControlOrMeta+A");
        await Page.Keyboard.PressAsync("Delete");
        await Page.Keyboard.InsertTextAsync(text);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private void CheckOrigin(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is "data" or "blob")
        {
            return;
        }

        var httpForm = new UriBuilder(uri) { Scheme = uri.Scheme is "ws" ? "http" : uri.Scheme is "wss" ? "https" : uri.Scheme }.Uri;
        if (!string.Equals(httpForm.GetLeftPart(UriPartial.Authority), _origin, StringComparison.OrdinalIgnoreCase))
        {
            Record(_foreign, url);
        }
    }

    private static void Record(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }
}
