using Coco.Connectors.Storage;

namespace Coco.Connectors.Server.Hosting;

public static class HealthApi
{
    /// <summary>
    /// <c>GET /healthz</c>: 200 when the store answers and can take a write now, otherwise 503 with the reason in
    /// Coco's envelope (busy, full, or the file is gone). The probe writes nothing and waits a bounded time.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IStoreProbe store, CancellationToken ct) =>
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

            return failure is null
                ? Results.Json(new { status = "ok" })
                : Results.Json(new
                {
                    status = "unavailable",
                    error = new { type = failure.Code.ToLowerInvariant(), reason = failure.Reason },
                }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
