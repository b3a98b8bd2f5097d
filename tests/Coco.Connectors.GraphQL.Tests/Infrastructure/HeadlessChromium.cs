using Microsoft.Playwright;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>apt-get install chromium</c>), headless, driven by Microsoft.Playwright over its bundled
/// driver: nothing is downloaded. One per test class (an <c>IClassFixture</c>); each test opens its own context, which
/// is a fresh profile (empty storage, as on a first visit). Without Chromium a developer's run skips with the reason;
/// under <c>CI=true</c> the tests fail instead.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailable;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where Chromium is: <c>CHROMIUM_PATH</c>, else the first of chromium/chromium-browser on PATH.</summary>
    public static string? Locate() =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : NodeInterop.FindOnPath("chromium") ?? NodeInterop.FindOnPath("chromium-browser");

    public async Task InitializeAsync()
    {
        if (Locate() is not { } executable)
        {
            _unavailable = "chromium not found (CHROMIUM_PATH or PATH); the browser tests need it: apt-get install -y chromium";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Flags,
        });
    }

    /// <summary>The browser, or a skip (developer) / failure (CI) saying why there is none.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                Assert.False(IsCi, _unavailable); // CI must run the browser tests.
                Skip.If(true, _unavailable);
            }

            return _browser!;
        }
    }

    /// <summary>A fresh profile: no cookies, no storage.</summary>
    public Task<IBrowserContext> NewContextAsync(ColorScheme colorScheme = ColorScheme.Light) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1200, Height = 720 },
            ColorScheme = colorScheme,
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
