using Coco.Connectors.GraphQLApi;
using Coco.Connectors.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.GraphQL;

/// <summary>
/// <c>schema.graphql</c> at the repository root is the public contract as SDL, exported from the running schema.
/// After an intended schema change, regenerate it with <c>UPDATE_SCHEMA=1 dotnet test --filter SchemaFileTests</c>
/// and commit the file with the change.
/// </summary>
public sealed class SchemaFileTests(CocoServer server) : IClassFixture<CocoServer>
{
    private static string SchemaFile => RepositoryFiles.PathOf("schema.graphql");

    [Fact]
    public async Task Schema_graphql_matches_the_running_schema()
    {
        var live = SchemaSdl.Print(server.Services.GetRequiredService<ISchema>());
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            // CI (any CI=… a runner sets: true, 1, yes) checks the committed file; it must never rewrite it and pass.
            Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")), "UPDATE_SCHEMA must not be set in CI.");
            await File.WriteAllTextAsync(SchemaFile, live);
        }

        var committed = File.Exists(SchemaFile) ? (await File.ReadAllTextAsync(SchemaFile)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == live,
            $"{SchemaFile} differs from the running schema. If the change is intended, run "
            + "'UPDATE_SCHEMA=1 dotnet test --filter SchemaFileTests' and commit schema.graphql.\n"
            + $"First difference at line {FirstDifferentLine(committed, live)}.");
    }

    [Fact]
    public async Task GET_sdl_serves_the_same_text_as_schema_graphql()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.GetAsync("graphql?sdl", accept: null);

        Assert.Equal(SchemaSdl.Print(server.Services.GetRequiredService<ISchema>()), response.Text);
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }
}
