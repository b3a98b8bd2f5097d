using System.Net;
using Coco.Connectors.GraphQLApi;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.FailingStorage;

/// <summary>What a client must see when the store fails: a status and a typed reason, never a 500 or a 200.</summary>
public static class StoreAssert
{
    /// <summary>Coco's envelope: <c>{"status": 503, "error": {"type": "store_busy", "reason": "…"}}</c>.</summary>
    public static void Refused(JsonResponse response, HttpStatusCode status, string type)
    {
        Assert.True(response.Status == status, $"expected {(int)status} {type}, got {(int)response.Status}: {response.Text}");
        Assert.Equal((int)status, (int)response.Object["status"]!);
        Assert.Equal(type, (string?)response.Object["error"]!["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)response.Object["error"]!["reason"]));
    }

    /// <summary><c>/healthz</c> says 503 and why: <c>{"status": "unavailable", "error": {"type", "reason"}}</c>.</summary>
    public static void Unhealthy(JsonResponse response, string type)
    {
        Assert.True(response.Status == HttpStatusCode.ServiceUnavailable, $"expected 503 from /healthz, got {(int)response.Status}: {response.Text}");
        Assert.Equal("unavailable", (string?)response.Object["status"]);
        Assert.Equal(type, (string?)response.Object["error"]!["type"]);
    }

    public static void Healthy(JsonResponse response) =>
        Assert.True(response.Status == HttpStatusCode.OK && (string?)response.Object["status"] == "ok", $"expected a healthy store: {response.Text}");

    /// <summary>A GraphQL field error with the store's code and reason, not the generic internal error.</summary>
    public static void GraphQLRefused(GraphQLResponse response, string code)
    {
        Assert.Equal(code, response.FirstErrorCode);
        Assert.DoesNotContain(Coco.Connectors.GraphQLApi.MaskedErrorInfoProvider.UnexpectedMessage, response.Text, StringComparison.Ordinal);
        Assert.Null(response.Data);
    }
}
