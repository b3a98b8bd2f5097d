using Coco.Connectors.Storage;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.GraphQL;

/// <summary>The real server whose store can be switched to throw, to see what clients get for unexpected errors.</summary>
public sealed class FailingStoreServer : CocoServer
{
    public const string Detail = "store at db.internal:5432 refused password=hunter2";

    public volatile bool Fail;

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IDbContextFactory<CocoDbContext>));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(IDbContextFactory<CocoDbContext>), sp => new SwitchableFactory(this,
            (IDbContextFactory<CocoDbContext>)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)), original.Lifetime));
    }

    private sealed class SwitchableFactory(FailingStoreServer server, IDbContextFactory<CocoDbContext> inner) : IDbContextFactory<CocoDbContext>
    {
        public CocoDbContext CreateDbContext() =>
            server.Fail ? throw new InvalidOperationException(Detail) : inner.CreateDbContext();
    }
}

public sealed class UnexpectedErrorTests(FailingStoreServer server) : IClassFixture<FailingStoreServer>
{
    private async Task<GraphQLResponse> WhileStoreFailsAsync(Func<GraphQLTestClient, Task<GraphQLResponse>> send)
    {
        using var client = new GraphQLTestClient(server);
        (await client.PostAsync("{ __typename }")).Ok(); // started, seeded
        server.Fail = true;
        try
        {
            return await send(client);
        }
        finally
        {
            server.Fail = false;
        }
    }

    private static void AssertGenericError(GraphQLResponse response)
    {
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("Unexpected Execution Error", error["message"]!.GetValue<string>());
        Assert.Equal("""{"code":"INTERNAL_ERROR"}""", error["extensions"]!.ToJsonString());
        Assert.DoesNotContain("hunter2", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("INVALID_OPERATION", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_resolver_is_a_generic_field_error_with_partial_data()
    {
        var response = await WhileStoreFailsAsync(c => c.PostAsync("{ connectorById(id: \"github\") { id } __typename }"));

        Assert.Equal(200, response.Status);
        Assert.Null(response.Data!["connectorById"]);
        Assert.Equal("Query", response.Data!["__typename"]!.GetValue<string>());
        Assert.Equal("""["connectorById"]""", response.Errors![0]!["path"]!.ToJsonString());
        AssertGenericError(response);
    }

    [Fact]
    public async Task A_failing_mutation_nulls_data_and_is_still_200_as_the_spec_recommends()
    {
        var response = await WhileStoreFailsAsync(c => c.PostAsync("mutation { createConnector(input: {name: \"x\"}) { connector { id } } }"));

        Assert.Equal(200, response.Status);
        Assert.True(response.Json.AsObject().ContainsKey("data"));
        Assert.Null(response.Data);
        AssertGenericError(response);
    }
}

/// <summary>The server with a 2 KB body limit set through configuration.</summary>
public sealed class SmallBodyLimitServer : CocoServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Http:MaxRequestBodyBytes", "2048");
    }
}

public sealed class BodyLimitConfigurationTests(SmallBodyLimitServer server) : IClassFixture<SmallBodyLimitServer>
{
    [Fact]
    public async Task The_body_limit_comes_from_GraphQL_Http_MaxRequestBodyBytes()
    {
        using var client = new GraphQLTestClient(server);
        var small = await client.PostAsync("{ __typename }");
        var big = await client.PostAsync("{ __typename }" + new string(' ', 3000));

        Assert.Equal(200, small.Status);
        Assert.Equal(413, big.Status);
        Assert.Contains("2048", big.FirstErrorMessage, StringComparison.Ordinal);
    }
}
