using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// Trusted documents loaded at startup, with the lockdown on: they run by <c>documentId</c> (hash or file name), by
/// Apollo's hash or by their exact text; any other document is refused and none can be registered.
/// </summary>
public sealed class TrustedDocumentTests(PersistedDocumentServer server) : IClassFixture<PersistedDocumentServer>, IDisposable
{
    private static readonly string Hash = PersistedQueryTests.Sha256(PersistedDocumentServer.TrustedQuery);

    private readonly GraphQLTestClient _client = new(server);

    [Theory]
    [InlineData("sha256:")]
    [InlineData("")]
    public async Task A_trusted_document_runs_by_its_hash(string prefix)
    {
        var response = await _client.PostRawAsync(new JsonObject { ["documentId"] = prefix + Hash }.ToJsonString());
        Assert.Equal("github", response.Ok()["connectorById"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_trusted_document_runs_by_its_file_name_and_by_HotChocolates_id_over_GET()
    {
        var byName = await _client.PostRawAsync("""{"documentId": "TrustedConnector"}""");
        Assert.Equal("github", byName.Ok()["connectorById"]!["id"]!.GetValue<string>());

        var byGet = await _client.GetAsync("graphql?id=" + Hash);
        Assert.Equal("github", byGet.Ok()["connectorById"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apollo_hash_only_and_the_exact_text_run()
    {
        var hashOnly = await _client.PostRawAsync(PersistedQueryTests.Body(null, Hash));
        Assert.Equal("GitHub Connector", hashOnly.Ok()["connectorById"]!["name"]!.GetValue<string>());

        var text = await _client.PostAsync(PersistedDocumentServer.TrustedQuery);
        Assert.NotNull(text.Ok()["connectorById"]);
    }

    [Fact]
    public async Task Any_other_document_is_refused_and_nothing_can_be_registered()
    {
        var other = await _client.PostAsync("{ connectors { totalCount } }");
        Assert.Equal(400, other.Status);
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", other.FirstErrorCode);
        Assert.Null(other.Json["data"]);

        const string query = "{ __typename }";
        var register = await _client.PostRawAsync(PersistedQueryTests.Body(query, PersistedQueryTests.Sha256(query)));
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", register.FirstErrorCode);
        var after = await _client.PostRawAsync(PersistedQueryTests.Body(null, PersistedQueryTests.Sha256(query)));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", after.FirstErrorCode);

        var unknown = await _client.PostRawAsync("""{"documentId": "NotThere"}""");
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", unknown.FirstErrorCode);
    }

    public void Dispose() => _client.Dispose();
}
