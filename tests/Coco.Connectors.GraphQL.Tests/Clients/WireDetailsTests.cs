using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// Wire details a HotChocolate-written frontend relies on: <c>DateTime</c> as UTC with <c>Z</c> and milliseconds (and
/// any RFC 3339 form accepted), <c>connectorsById</c>, <c>specifiedBy</c> on validation errors, HC0051's <c>field</c>.
/// </summary>
public sealed partial class WireDetailsTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private readonly GraphQLTestClient _client = new(server);

    [Fact]
    public async Task DateTime_is_written_in_UTC_with_Z_and_milliseconds_and_reads_back_in_a_filter()
    {
        var id = await _client.CreateAsync(new { name = "clock check" });
        var connector = (await _client.PostAsync("query($id: ID!) { connectorById(id: $id) { created updated } }", new { id })).Ok()["connectorById"]!;
        var created = connector["created"]!.GetValue<string>();
        Assert.Matches(UtcMilliseconds(), created);
        Assert.Matches(UtcMilliseconds(), connector["updated"]!.GetValue<string>());

        var found = (await _client.PostAsync(
            "query($id: String!, $at: DateTime!) { connectors(where: {id: {eq: $id}, created: {eq: $at}}) { nodes { id } } }",
            new { id, at = created })).Ok();
        Assert.Equal(id, found["connectors"]!["nodes"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2000-01-01T08:00:00+08:00")]
    [InlineData("2000-01-01t00:00:00z")]
    [InlineData("2000-01-01 00:00:00Z")]
    [InlineData("2000-01-01T00:00:00.123456789012Z")]
    [InlineData("1999-12-31T19:00:00.0-05:00")]
    public async Task Any_RFC_3339_form_is_accepted(string value)
    {
        var response = await _client.PostAsync("query($t: DateTime) { connectors(where: {created: {gt: $t}}) { totalCount } }", new { t = value });
        Assert.True(response.Ok()["connectors"]!["totalCount"]!.GetValue<int>() > 0);
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00")]
    [InlineData("2000-01-01")]
    [InlineData("2000-13-01T00:00:00Z")]
    [InlineData("２０００-01-01T00:00:00Z")]
    public async Task A_value_that_is_not_RFC_3339_is_a_clear_error(string value)
    {
        var response = await _client.PostAsync("query($t: DateTime) { connectors(where: {created: {gt: $t}}) { totalCount } }", new { t = value });
        Assert.Equal(400, response.Status);
        Assert.Contains("DateTime", response.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Contains("$t", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorsById_answers_in_order_with_null_for_unknown_ids()
    {
        var data = (await _client.PostAsync("""{ connectorsById(ids: ["github", "no-such", "github"]) { id } }""")).Ok();
        var items = data["connectorsById"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal("github", items[0]!["id"]!.GetValue<string>());
        Assert.Null(items[1]);
        Assert.Equal("github", items[2]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConnectorsById_refuses_more_than_50_ids_before_reading()
    {
        var ids = new JsonArray([.. Enumerable.Range(0, 51).Select(i => JsonValue.Create("id" + i))]);
        var response = await _client.PostAsync("query($ids: [ID!]!) { connectorsById(ids: $ids) { id } }", new JsonObject { ["ids"] = ids });
        Assert.Equal(400, response.Status);
        Assert.Equal("HC0076", response.FirstErrorCode);
    }

    [Fact]
    public async Task Validation_errors_keep_their_code_and_link_the_spec_section()
    {
        var response = await _client.PostAsync("{ nope }");
        Assert.Equal(400, response.Status);
        var extensions = response.Errors![0]!["extensions"]!;
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", extensions["code"]!.GetValue<string>());
        Assert.Equal("https://spec.graphql.org/October2021/#sec-Field-Selections", extensions["specifiedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_too_large_names_the_field_both_ways()
    {
        var response = await _client.PostAsync("{ connectors(first: 51) { totalCount } }");
        var extensions = response.Errors![0]!["extensions"]!;
        Assert.Equal("HC0051", extensions["code"]!.GetValue<string>());
        Assert.Equal("Query.connectors", extensions["coordinate"]!.GetValue<string>());
        Assert.Equal("Query.connectors", extensions["field"]!.GetValue<string>());
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcMilliseconds();
}
