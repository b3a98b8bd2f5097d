using Coco.Connectors.Server.Hosting.Shutdown;
using Coco.Connectors.Storage;

namespace Coco.Connectors.Server.Hosting;

public static class HealthApi
{
    /// <summary>
    /// <c>GET /healthz</c>: 200 when the store answers and can take a write now, otherwise 503 with the reason in
    /// Coco's envelope (busy, full, or the file is gone). The probe writes nothing and waits a bounded time.
    /// <c>GET /healthz/live</c>: 200 while the process serves requests (restart it when this fails).
    /// <c>GET /healthz/ready</c>: as <c>/healthz</c>, and 503 <c>draining</c> from the moment shutdown begins, so a
    /// load balancer sends new clients to another instance.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (IStoreProbe store, CancellationToken ct) => ProbeAsync(store, ct));
        app.MapGet("/healthz/live", () => Results.Json(new { status = "ok" }));
        app.MapGet("/healthz/ready", (IStoreProbe store, DrainSignal drain, CancellationToken ct) => drain.IsDraining
            ? Task.FromResult(Unavailable("draining", "The server is shutting down; use another instance."))
            : ProbeAsync(store, ct));
        return app;
    }

    private static async Task<IResult> ProbeAsync(IStoreProbe store, CancellationToken ct)
    {
        StoreFailure? failure;
        try
        {
            failure = await store.ProbeAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = StoreFailures.NotAnswering;
        }

        return failure is null ? Results.Json(new { status = "ok" }) : Unavailable(failure.Code.ToLowerInvariant(), failure.Reason);
    }

    private static IResult Unavailable(string type, string reason) => Results.Json(new
    {
        status = "unavailable",
        error = new { type, reason },
    }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
