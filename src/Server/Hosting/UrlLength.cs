using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// Answers a request whose URL is too long with a 414 that says what to do — a GraphQL error on <c>/graphql</c>
/// ("send the query with POST"), Coco's envelope elsewhere — instead of Kestrel's bare 414. Kestrel's own request-line
/// limit is set a little higher (<see cref="KestrelCapBytes"/>) so that this middleware sees the requests it refuses.
/// </summary>
public static class UrlLength
{
    /// <summary>The longest URL (path and query, as sent) any route accepts.</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>Kestrel's request-line limit: beyond it Kestrel answers a bare 414 before any middleware runs.</summary>
    public const int KestrelCapBytes = 64 * 1024;

    public static IApplicationBuilder UseUrlLengthLimit(this IApplicationBuilder app, PathString graphQLPath) => app.Use(async (http, next) =>
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length <= MaxBytes)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status414UriTooLong;
        http.Response.ContentType = "application/json; charset=utf-8";
        var limit = MaxBytes.ToString("N0", CultureInfo.InvariantCulture);
        object body = http.Request.Path.StartsWithSegments(graphQLPath)
            ? new
            {
                errors = new[]
                {
                    new
                    {
                        message = $"The URL is longer than the {limit} bytes allowed; send the query with POST (a JSON body), or shorten it.",
                        extensions = new { code = "URI_TOO_LONG", limit = MaxBytes },
                    },
                },
            }
            : new
            {
                status = StatusCodes.Status414UriTooLong,
                error = new { type = "uri_too_long", reason = $"the URL is longer than the {limit} bytes allowed; shorten it, or send the search parameters as a JSON body with POST /connector/_search" },
            };
        await http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    });
}
