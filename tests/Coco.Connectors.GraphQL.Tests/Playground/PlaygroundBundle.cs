using Coco.Connectors.Server.Playground;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Playground;

/// <summary>The browser tests need the GraphiQL bundle, which the build makes only where Node.js is installed.</summary>
public static class PlaygroundBundle
{
    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(CocoServer server)
    {
        if (!server.Services.GetRequiredService<PlaygroundAssets>().IsBuilt)
        {
            const string reason = "the server was built without the playground bundle (no Node.js at build time)";
            Assert.False(IsCi, reason); // CI builds it.
            Skip.If(true, reason);
        }
    }
}
