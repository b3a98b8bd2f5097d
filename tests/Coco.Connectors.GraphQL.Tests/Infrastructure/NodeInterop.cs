namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// The npm interop clients in <c>tests/interop</c>: finds the folder and Node.js and installs the pinned packages once.
/// Without Node.js a developer's run skips with the reason; under <c>CI=true</c> the test fails instead.
/// </summary>
public static class NodeInterop
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<string> PrepareAsync()
    {
        var folder = FindInteropFolder();
        var missing = new[] { "node", "npm" }.Where(tool => FindOnPath(tool) is null).ToList();
        if (missing.Count > 0)
        {
            var reason = $"{string.Join(" and ", missing)} not found on PATH; the npm client interop tests need Node.js 20+.";
            Assert.False(IsCi, reason); // CI must run them.
            Skip.If(true, reason);
        }

        await InstallLock.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            {
                using var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(FindOnPath("npm")!, ["ci", "--no-audit", "--no-fund"])
                {
                    WorkingDirectory = folder,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var output = npm.StandardOutput.ReadToEndAsync();
                var errors = npm.StandardError.ReadToEndAsync();
                await npm.WaitForExitAsync();
                Assert.True(npm.ExitCode == 0, $"npm ci failed: {await output}{await errors}");
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return folder;
    }

    public static string? FindOnPath(string tool)
    {
        string[] names = OperatingSystem.IsWindows() ? [tool + ".cmd", tool + ".exe"] : [tool];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    private static string FindInteropFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/interop not found above " + AppContext.BaseDirectory);
    }
}
