using Coco.Connectors;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Hosting;
using Coco.Connectors.Server.Observability;
using Coco.Connectors.Server.Rest;

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        // appsettings.json ships next to the app, so it applies wherever the server is started from; data paths
        // (Storage:ConnectionString) stay relative to the working directory, as documented.
        ContentRootPath = AppContext.BaseDirectory,
    });
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    {
        // The embedded default (CONTRACT §5); --urls and ASPNETCORE_URLS take precedence.
        builder.WebHost.UseUrls("http://127.0.0.1:9000");
    }

    builder.Services.AddConnectorDomain(builder.Configuration);
    builder.Services.AddServerServices();
    builder.Services.AddServerTelemetry(builder.Configuration);

    app = builder.Build();
    await app.PrepareStoreAsync();
    if (SecretsCommand.IsInvocation(args))
    {
        // Secrets at rest (status, rotation) against the configured store, instead of serving.
        return await SecretsCommand.RunAsync(app.Services, args, Console.Out);
    }

    if (TokensCommand.IsInvocation(args))
    {
        // Token management against the configured store, instead of serving.
        return await TokensCommand.RunAsync(app.Services, args, Console.Out, Console.In);
    }

    await app.PrepareAuthAsync();
    app.MapServerEndpoints();
    await app.StartAsync();
}
catch (Exception e) when (e is not HostAbortedException && StartupFailure.IsOwnProcess)
{
    // A refusal to start (a missing or wrong key, a bad setting…) is one line and an exit code, not a crash.
    return StartupFailure.Report(e, Console.Error);
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;

public partial class Program;
