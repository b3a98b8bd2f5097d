using Coco.Connectors.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// The real server with a one-field test schema whose resolver works (in steps) until its cancellation token fires,
/// so a test can see which events stop an execution: the client leaving, the execution timeout, a shutdown.
/// </summary>
public sealed class SlowQueryServer(TimeSpan executionTimeout, TimeSpan? shutdownTimeout = null) : CocoServer
{
    public const string Query = "{ work }";

    public ExecutionProbe Probe => Services.GetRequiredService<ExecutionProbe>();

    public RecordedErrors Errors => Services.GetRequiredService<RecordedErrors>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Limits:ExecutionTimeout", executionTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        if (shutdownTimeout is { } timeout)
        {
            builder.UseShutdownTimeout(timeout);
        }
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<ExecutionProbe>();
        services.AddSingleton<RecordedErrors>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<RecordedErrors>());
        services.AddSingleton<ISchema>(sp => new SlowSchema(sp, sp.GetRequiredService<ExecutionProbe>()));
    }

    private sealed class SlowSchema : Schema
    {
        public SlowSchema(IServiceProvider services, ExecutionProbe probe)
            : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<IntGraphType>("work").ResolveAsync(async ctx =>
            {
                probe.OnStarted();
                try
                {
                    while (true)
                    {
                        probe.OnTick();
                        await Task.Delay(TimeSpan.FromMilliseconds(5), ctx.CancellationToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    probe.OnCancelled();
                    throw;
                }
            });
            Query = query;
            Coco.Connectors.Auth.FieldPermissions.RequirePermissionOnAll(query, Coco.Connectors.Auth.Permissions.Read);
        }
    }
}
