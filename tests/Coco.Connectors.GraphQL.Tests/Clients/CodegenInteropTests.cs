using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// graphql-codegen (npm, pinned in <c>tests/interop</c>) generates TypeScript types from the running server's
/// introspection (auth on) for the operations in <c>docs/examples</c>; TypeScript accepts code using them and rejects
/// code misusing them.
/// </summary>
public sealed class CodegenInteropTests(CocoServer server) : IClassFixture<CocoServer>
{
    [SkippableFact]
    public async Task Types_generated_from_introspection_typecheck()
    {
        var report = await NodeScript.RunAsync("codegen.mjs",
            new Uri(server.BaseAddress, "graphql").ToString(), Path.Combine(RepositoryFiles.Root, "docs", "examples"));

        Assert.Equal(["ListConnectorsQuery", "CreateConnectorMutation", "WatchChangesSubscription"], report.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ok", report.GetProperty("good").GetString());
        Assert.Contains("TS2322", report.GetProperty("bad").GetString(), StringComparison.Ordinal);
    }
}
