using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Client;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// The generated client under the production lockdown: the generator's manifest holds the exact documents the client
/// sends (with the <c>__typename</c>s it adds), so every operation runs on a server that refuses anything else.
/// </summary>
public sealed class TrustedDocumentsClientTests(TrustedDocumentsClientServer server) : IClassFixture<TrustedDocumentsClientServer>, IAsyncLifetime
{
    private readonly ClientHost _host = new(server.BaseAddress);
    private readonly LiveServer _live = new(server);

    private IConnectorClient Client => _host.Client;

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    [Fact]
    public void The_manifest_holds_one_document_per_operation_by_its_SHA256()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(TrustedDocumentsClientServer.Manifest));
        var documents = manifest.RootElement.EnumerateObject().ToList();

        Assert.Equal(typeof(IConnectorClient).GetMethods().Length, documents.Count);
        Assert.All(documents, d => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(d.Value.GetString()!))), d.Name));
        Assert.Contains(documents, d => d.Value.GetString()!.Contains("__typename", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_of_the_client_runs_and_anything_else_is_refused()
    {
        Assert.Contains("github", (await Client.ListConnectorsAsync(first: 50)).Connectors!.Nodes!.Select(c => c.Id));
        Assert.Equal("GitHub Connector", (await Client.GetConnectorAsync("github")).ConnectorById!.Name);
        Assert.NotEmpty((await Client.ConnectorCategoriesAsync()).ConnectorCategories);

        using var stop = new CancellationTokenSource();
        var events = Client.WatchConnectorsAsync(new ConnectorFilterInput { Category = new StringOperationFilterInput { Eq = "trusted-client" } }, stop.Token).GetAsyncEnumerator();
        var first = events.MoveNextAsync().AsTask();
        await _live.WaitForSubscribersAsync(1);

        var created = (await Client.CreateConnectorAsync(new CreateConnectorInput { Name = "Trusted", Category = "trusted-client" })).CreateConnector;
        Assert.Null(created.Errors);
        Assert.True(await first.WaitAsync(Patience.Limit));
        Assert.Equal((ConnectorChangeKind.Created, created.Connector!.Id), (events.Current.OnConnectorChanged.Kind, events.Current.OnConnectorChanged.Id));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
        await events.DisposeAsync();

        var updated = (await Client.UpdateConnectorAsync(new UpdateConnectorInput { Id = created.Connector.Id, Name = "Trusted, renamed" })).UpdateConnector;
        Assert.Null(updated.Errors);
        Assert.Null((await Client.DeleteConnectorAsync(new DeleteConnectorInput { Id = created.Connector.Id })).DeleteConnector.Errors);

        using var adHoc = new GraphQLTestClient(server);
        var refused = await adHoc.PostAsync("query { connectorById(id: \"github\") { id name } }");
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", refused.FirstErrorCode);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _live.Dispose();
    }
}
