using System.Net;
using System.Text.Json;
using Coco.Connectors.Client;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>Every operation of the generated client against the real server, over real HTTP and WebSocket.</summary>
public sealed class ConnectorClientTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private readonly ClientHost _host = new(server.BaseAddress);
    private readonly LiveServer _live = new(server);

    private IConnectorClient Client => _host.Client;

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    [Fact]
    public async Task List_pages_through_every_connector_with_cursors()
    {
        var seen = new List<string>();
        string? after = null;
        ListConnectorsResult.ConnectorsConnection page;
        do
        {
            page = (await Client.ListConnectorsAsync(first: 7, after: after, order: [new ConnectorSortInput { Id = SortEnumType.Asc }])).Connectors!;
            seen.AddRange(page.Nodes!.Select(c => c.Id));
            after = page.PageInfo.EndCursor;
        }
        while (page.PageInfo.HasNextPage);

        Assert.Equal(page.TotalCount, seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Contains("github", seen);
    }

    [Fact]
    public async Task List_filters_with_where_and_query()
    {
        var databases = (await Client.ListConnectorsAsync(first: 50, where: new ConnectorFilterInput
        {
            Category = new StringOperationFilterInput { Eq = "database" },
        })).Connectors!;
        Assert.NotEmpty(databases.Nodes!);
        Assert.All(databases.Nodes!, c => Assert.Equal("database", c.Category));

        var github = (await Client.ListConnectorsAsync(query: "github")).Connectors!.Nodes!;
        Assert.Contains(github, c => c.Id == "github");
    }

    [Fact]
    public async Task Get_returns_the_connector_or_null_when_there_is_none()
    {
        var github = (await Client.GetConnectorAsync("github")).ConnectorById!;
        Assert.Equal("GitHub Connector", github.Name);
        Assert.True(github.Builtin);
        Assert.Equal(TimeSpan.Zero, github.Created.Offset);
        Assert.True(github.Version >= 1);

        Assert.Null((await Client.GetConnectorAsync("no_such_connector")).ConnectorById);
    }

    [Fact]
    public async Task Categories_count_connectors_per_category()
    {
        var categories = (await Client.ConnectorCategoriesAsync()).ConnectorCategories;
        Assert.Contains(categories, c => c.Category == "database" && c.Count >= 1);
        Assert.Equal(categories.OrderByDescending(c => c.Count).Select(c => c.Count), categories.Select(c => c.Count));
    }

    [Fact]
    public async Task Create_update_and_delete_round_trip_with_secrets_masked()
    {
        var created = (await Client.CreateConnectorAsync(new CreateConnectorInput
        {
            Name = "Client round trip",
            Description = "first",
            Category = "database",
            Tags = new[] { "client", "test" },
            Config = JsonSerializer.SerializeToElement(new { host = "db.local", password = "s3cret-value" }),
        })).CreateConnector;
        Assert.Null(created.Errors);
        var connector = created.Connector!;
        Assert.Equal(["client", "test"], connector.Tags);
        Assert.Equal("******", connector.Config!.Value.GetProperty("password").GetString());

        // A merge patch: only what is set changes; null clears a field.
        var updated = (await Client.UpdateConnectorAsync(new UpdateConnectorInput
        {
            Id = connector.Id,
            Name = "Client round trip, renamed",
            Description = null,
            ExpectedVersion = connector.Version,
        })).UpdateConnector;
        Assert.Null(updated.Errors);
        Assert.Equal("Client round trip, renamed", updated.Connector!.Name);
        Assert.Null(updated.Connector.Description);
        Assert.Equal("database", updated.Connector.Category);
        Assert.Equal(connector.Version + 1, updated.Connector.Version);
        Assert.Equal("s3cret-value", (string?)(await server.StoredAsync(connector.Id))!.Config!["password"]);

        var deleted = (await Client.DeleteConnectorAsync(new DeleteConnectorInput { Id = connector.Id })).DeleteConnector;
        Assert.Null(deleted.Errors);
        Assert.Equal(connector.Id, deleted.DeletedId);
        Assert.Null((await Client.GetConnectorAsync(connector.Id)).ConnectorById);
    }

    [Fact]
    public async Task Refusals_come_back_as_the_error_union_members()
    {
        var duplicate = (await Client.CreateConnectorAsync(new CreateConnectorInput { Id = "github", Name = "Again" })).CreateConnector;
        Assert.Null(duplicate.Connector);
        var taken = Assert.IsType<CreateConnectorResult.CreateConnectorError.DuplicateConnectorIdError>(Assert.Single(duplicate.Errors!));
        Assert.Equal("github", taken.Id);
        Assert.Contains("github", taken.Message, StringComparison.Ordinal);

        var blank = (await Client.CreateConnectorAsync(new CreateConnectorInput { Name = "  " })).CreateConnector;
        var invalid = Assert.IsType<CreateConnectorResult.CreateConnectorError.ValidationError>(Assert.Single(blank.Errors!));
        Assert.Equal("name", invalid.Field);

        var builtin = (await Client.DeleteConnectorAsync(new DeleteConnectorInput { Id = "github" })).DeleteConnector;
        var reason = Assert.Single(builtin.Errors!).Match(
            connectorNotFoundError: e => "not found " + e.Id,
            builtinConnectorError: e => "builtin " + e.Id,
            versionConflictError: e => "conflict " + e.Id);
        Assert.Equal("builtin github", reason);

        var missing = (await Client.UpdateConnectorAsync(new UpdateConnectorInput { Id = "no_such_connector", Name = "x" })).UpdateConnector;
        Assert.Equal("no_such_connector", Assert.IsType<UpdateConnectorResult.UpdateConnectorError.ConnectorNotFoundError>(Assert.Single(missing.Errors!)).Id);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_version_conflict_and_changes_nothing()
    {
        var connector = (await Client.CreateConnectorAsync(new CreateConnectorInput { Name = "Conflict" })).CreateConnector.Connector!;
        await _live.UpdateAsync(connector.Id, new { description = "changed elsewhere" });

        var result = (await Client.UpdateConnectorAsync(new UpdateConnectorInput
        {
            Id = connector.Id,
            Name = "Lost update",
            ExpectedVersion = connector.Version,
        })).UpdateConnector;

        Assert.Null(result.Connector);
        var conflict = Assert.IsType<UpdateConnectorResult.UpdateConnectorError.VersionConflictError>(Assert.Single(result.Errors!));
        Assert.Equal((connector.Version, connector.Version + 1), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal("Conflict", (await Client.GetConnectorAsync(connector.Id)).ConnectorById!.Name);
    }

    [Fact]
    public async Task GraphQL_errors_are_exceptions_with_the_servers_message_and_code()
    {
        var error = await Assert.ThrowsAsync<GraphQLRequestException>(() => Client.ListConnectorsAsync(first: 51));

        Assert.Equal("HC0051", error.Code);
        Assert.Equal("connectors", Assert.Single(error.Errors).Path);
        Assert.Equal("`first` must be from 0 to 50 (was 51). (HC0051)", error.Message);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transport_exception()
    {
        await using var nowhere = new ClientHost(new Uri("http://127.0.0.1:1/"));

        var error = await Assert.ThrowsAsync<GraphQLTransportException>(() => nowhere.Client.GetConnectorAsync("github"));
        Assert.Equal(GraphQLTransportException.ConnectionFailed, error.Code);

        var subscription = await Assert.ThrowsAsync<GraphQLTransportException>(async () =>
        {
            await foreach (var unused in nowhere.Client.WatchConnectorsAsync())
            {
            }
        });
        Assert.Equal(GraphQLTransportException.ConnectionFailed, subscription.Code);
    }

    [Fact]
    public async Task A_subscription_receives_the_changes_rest_writes_make_and_stops_when_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var where = new ConnectorFilterInput { Category = new StringOperationFilterInput { Eq = "client-watch" } };
        var events = Client.WatchConnectorsAsync(where, stop.Token).GetAsyncEnumerator();
        var first = events.MoveNextAsync().AsTask();
        await _live.WaitForSubscribersAsync(1);

        var id = await _live.CreateAsync(new { name = "Watched", category = "client-watch", config = new { token = "tok-123" } });
        Assert.True(await first.WaitAsync(Patience.Limit));
        var created = events.Current.OnConnectorChanged;
        Assert.Equal((ConnectorChangeKind.Created, id, true), (created.Kind, created.Id, created.Matches));
        Assert.Equal("******", created.Connector!.Config!.Value.GetProperty("token").GetString());

        await _live.UpdateAsync(id, new { category = "elsewhere" });
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Patience.Limit));
        Assert.Equal((ConnectorChangeKind.Updated, false), (events.Current.OnConnectorChanged.Kind, events.Current.OnConnectorChanged.Matches));

        var next = events.MoveNextAsync().AsTask();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await events.DisposeAsync();
        await _live.WaitForSubscribersAsync(0);
    }

    public async Task DisposeAsync()
    {
        _live.Dispose();
        await _host.DisposeAsync();
    }
}
