using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// The introspection of the current GraphQL spec, as the npm <c>graphql</c> package asks for it with every option on
/// (GraphiQL 3+, codegen, schema registries): the answer must rebuild exactly the schema in <c>schema.graphql</c>.
/// </summary>
public sealed class IntrospectionRoundTripTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private readonly GraphQLTestClient _client = new(server);

    [SkippableFact]
    public async Task Full_introspection_with_every_option_rebuilds_schema_graphql()
    {
        var report = await NodeScript.RunAsync("full-introspection.mjs",
            new Uri(server.BaseAddress, "graphql").ToString(), RepositoryFiles.PathOf("schema.graphql"));

        Assert.Equal(200, report.GetProperty("status").GetInt32());
        Assert.True(report.GetProperty("same").GetBoolean(), $"printSchema differs: {report.GetProperty("firstDifference")}");
        Assert.Equal("https://www.graphql-scalars.com/date-time", report.GetProperty("specifiedBy").GetProperty("DateTime").GetString());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc8259", report.GetProperty("specifiedBy").GetProperty("JSON").GetString());
        Assert.False(report.GetProperty("repeatable").GetProperty("skip").GetBoolean());
        Assert.StartsWith("Coco Server connectors", report.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Input_values_answer_their_deprecation_and_directives_their_repeatability()
    {
        var data = (await _client.PostAsync("""
            {
              __schema { description directives(includeDeprecated: true) { name isRepeatable isDeprecated args(includeDeprecated: true) { name isDeprecated deprecationReason } } }
              __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } }
              filter: __type(name: "ConnectorFilterInput") { isOneOf inputFields(includeDeprecated: true) { name isDeprecated } }
              dateTime: __type(name: "DateTime") { specifiedByURL }
              string: __type(name: "String") { specifiedByURL }
            }
            """)).Ok();

        var connectors = data["__type"]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "connectors")!;
        Assert.Contains(connectors["args"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "order" && !a["isDeprecated"]!.GetValue<bool>());
        Assert.Contains(data["filter"]!["inputFields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "name");
        Assert.False(data["filter"]!["isOneOf"]!.GetValue<bool>());
        Assert.Equal("https://www.graphql-scalars.com/date-time", data["dateTime"]!["specifiedByURL"]!.GetValue<string>());
        Assert.Null(data["string"]!["specifiedByURL"]);
        var specifiedBy = data["__schema"]!["directives"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "specifiedBy")!;
        Assert.Equal("url", specifiedBy["args"]![0]!["name"]!.GetValue<string>());
        Assert.False(specifiedBy["isRepeatable"]!.GetValue<bool>());
    }

    public void Dispose() => _client.Dispose();
}
