using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Limits.HostileDocuments;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// Every shape of the hostile-input issue (and a sibling under the token limit for each limit) is refused over real
/// HTTP with its own code, as a request error (400 under graphql-response+json), with a small body, without side
/// effects, and for little CPU: the process's CPU time around the refusal stays far below what the shapes used to
/// cost (seconds to minutes). The bound is generous on purpose; bench/hostile.sh measures the real figures.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileDocumentTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private static readonly TimeSpan CpuBound = TimeSpan.FromMilliseconds(250);

    private readonly GraphQLTestClient _client = new(server);

    public static TheoryData<string> Shapes => [.. HostileShapes.Keys];

    private static readonly Dictionary<string, (Func<string> Document, object? Variables, string Code)> HostileShapes = new()
    {
        ["fragment fan-out k=20, __typename leaf"] = (() => FragmentFanOut(20, "__typename"), null, "MAX_FIELDS_EXCEEDED"),
        ["fragment fan-out k=30, __typename leaf"] = (() => FragmentFanOut(30, "__typename"), null, "MAX_FIELDS_EXCEEDED"),
        ["fragment fan-out k=20, connectors leaf"] = (() => FragmentFanOut(20, "connectors { nodes { id } }"), null, "MAX_FIELDS_EXCEEDED"),
        ["fragment fan-out k=30, connectors leaf"] = (() => FragmentFanOut(30, "connectors { nodes { id } }"), null, "MAX_FIELDS_EXCEEDED"),
        ["fragment fan-out k=12, connectors leaf"] = (() => FragmentFanOut(12, "connectors { nodes { id } }"), null, "MAX_FIELDS_EXCEEDED"),
        ["fragment chain of 400"] = (() => FragmentChain(400), null, "MAX_DEPTH_EXCEEDED"),
        ["8,000 connectorById copies"] = (() => Copies(8_000, "connectorById(id: \"x\") { id }"), null, "MAX_TOKENS_EXCEEDED"),
        ["500 connectorById copies"] = (() => Copies(500, "connectorById(id: \"x\") { id }"), null, "MAX_FIELD_MERGES_EXCEEDED"),
        ["40,000 __typename"] = (() => Copies(40_000, "__typename"), null, "MAX_TOKENS_EXCEEDED"),
        ["1,500 __typename"] = (() => Copies(1_500, "__typename"), null, "MAX_FIELD_MERGES_EXCEEDED"),
        ["100 fragments side by side"] = (() => SideBySideFragments(100), null, "MAX_FIELD_MERGES_EXCEEDED"),
        ["10,000 aliased __schema"] = (() => Aliased(10_000, "__schema { types { name fields { name } } }"), null, "MAX_TOKENS_EXCEEDED"),
        ["100 aliased __typename"] = (() => Aliased(100, "__typename"), null, "MAX_ALIASES_EXCEEDED"),
        ["3 aliased full introspection dumps"] = (() => IntrospectionDumps(3), null, "COST_EXCEEDED"),
        ["30 aliased pages of 50"] = (() => Aliased(30, "connectors(first: 50) { edges { cursor node { id name description category tags url } } nodes { id name description category tags url } }"), null, "COST_EXCEEDED"),
        ["@skip × 10,000"] = (() => Skips(10_000), null, "MAX_TOKENS_EXCEEDED"),
        ["@skip × 100"] = (() => Skips(100), null, "MAX_DIRECTIVES_EXCEEDED"),
        ["in: 10,000 values"] = (() => InList(10_000), null, "MAX_TOKENS_EXCEEDED"),
        ["in: 1,000 values"] = (() => InList(1_000), null, "LIST_TOO_LONG"),
        ["in: 10,000 values in a variable"] = (
            () => "query($names: [String]) { connectors(where: {name: {in: $names}}) { nodes { id } } }",
            new { names = Enumerable.Range(0, 10_000).Select(i => $"v{i}").ToArray() },
            "LIST_TOO_LONG"),
        ["ofType nested 30 deep"] = (() => DeepTypeRef(30), null, "MAX_DEPTH_EXCEEDED"),
        ["selections nested 500 deep"] = (() => DeepSelections(500), null, "DOCUMENT_TOO_DEEP"),
        ["101 operations"] = (() => Operations(101), null, "MAX_OPERATIONS_EXCEEDED"),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Hostile_shape_is_refused_cheaply_with_its_own_code(string shape)
    {
        var (document, variables, code) = HostileShapes[shape];
        var query = document();

        // The first request warms up what the refusal runs through (JIT); the best of the next ones is measured.
        var first = await _client.PostAsync(query, variables);
        Assert.True(first.FirstErrorCode == code, $"{shape}: expected {code}, got {first.Status} {Truncate(first.Text)}");
        var cheapest = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3 && cheapest > CpuBound; attempt++)
        {
            var (response, cpu) = await ServerCpu.MeasureAsync(() => _client.PostAsync(query, variables));
            AssertRefused(response, code);
            cheapest = cpu < cheapest ? cpu : cheapest;
        }

        Assert.True(cheapest <= CpuBound, $"{shape} took {cheapest.TotalMilliseconds:0} ms of CPU to refuse (bound {CpuBound.TotalMilliseconds} ms)");
    }

    [Fact]
    public async Task Thousands_of_aliased_creates_create_nothing()
    {
        var before = await _client.CountStoredAsync();
        foreach (var count in new[] { 3_000, 11 })
        {
            var response = await _client.PostAsync(CreateConnectors(count, "hostile"));
            AssertRefused(response, count > 11 ? "MAX_TOKENS_EXCEEDED" : "MUTATION_FIELDS_EXCEEDED");
        }

        Assert.Equal(before, await _client.CountStoredAsync());
        var ten = await _client.PostAsync(CreateConnectors(10, "ten at once"));
        Assert.Equal(10, ten.Ok().AsObject().Count);
        Assert.Equal(before + 10, await _client.CountStoredAsync());
    }

    [Fact]
    public async Task Ten_thousand_skips_get_one_small_error()
    {
        var response = await _client.PostAsync(Skips(10_000));
        AssertRefused(response, "MAX_TOKENS_EXCEEDED");
        Assert.Single(response.Errors!);
        Assert.Equal(5_000, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_refusal_is_200_with_errors_under_application_json()
    {
        var response = await _client.PostAsync(FragmentFanOut(30, "__typename"), accept: "application/json");
        Assert.Equal(200, response.Status);
        Assert.Equal("MAX_FIELDS_EXCEEDED", response.FirstErrorCode);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task Get_requests_meet_the_same_limits()
    {
        var response = await _client.GetAsync(GraphQLTestClient.QueryString(FragmentFanOut(12, "__typename")));
        AssertRefused(response, "MAX_FIELDS_EXCEEDED");
    }

    public void Dispose() => _client.Dispose();

    private static void AssertRefused(GraphQLResponse response, string code)
    {
        Assert.True(response.Status == 400 && response.FirstErrorCode == code, $"expected 400 {code}, got {response.Status} {Truncate(response.Text)}");
        Assert.Null(response.Json["data"]);
        Assert.True(response.Text.Length < 1_000, $"the refusal is {response.Text.Length} bytes: {Truncate(response.Text)}");
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
