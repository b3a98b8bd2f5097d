using Coco.Connectors.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>
/// The real server with the streaming transports over a small test schema (the connector schema is not needed to
/// test the transport). Keep-alive is 1 s so keep-alive messages show up quickly; limits are small so tests can
/// reach them.
/// </summary>
public class StreamingServer : CocoServer
{
    public const int QueueSize = 8;
    public const int MaxOperations = 20;
    public const int MaxMessageSize = 64 * 1024;

    public TestHub Hub => Services.GetRequiredService<TestHub>();

    public ScopeProbeRegistry Scopes => Services.GetRequiredService<ScopeProbeRegistry>();

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GraphQL:Streaming:KeepAliveInterval"] = "00:00:01",
        ["GraphQL:Streaming:QueueSize"] = $"{QueueSize}",
        ["GraphQL:Streaming:MaxOperationsPerConnection"] = $"{MaxOperations}",
        ["GraphQL:Streaming:MaxMessageSize"] = $"{MaxMessageSize}",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        // The server brings the engine and serializer; the test schema wins as the last ISchema registration.
        services.AddSingleton<TestHub>();
        services.AddTransient<TestMessageType>();
        services.AddSingleton<ScopeProbeRegistry>();
        services.AddScoped<ScopeProbe>();
        services.AddSingleton<StreamingTestSchema>();
        services.AddSingleton<ISchema>(sp => sp.GetRequiredService<StreamingTestSchema>());
    }
}

/// <summary>One shared server for the streaming tests: they run one after another, each on its own topics.</summary>
[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingServer>
{
    public const string Name = "Streaming";
}

/// <summary>A server whose connection_init timeout is short enough to test.</summary>
public sealed class ShortInitTimeoutServer : StreamingServer
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["GraphQL:Streaming:ConnectionInitTimeout"] = "00:00:00.300",
    };
}
