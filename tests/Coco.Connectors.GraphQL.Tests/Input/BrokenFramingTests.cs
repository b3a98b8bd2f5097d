using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Input;

/// <summary>
/// A body whose HTTP framing is broken is the client's fault: a 400 on every route, never a 500, in the route's own
/// error shape (Coco's envelope on REST, GraphQL's errors on /graphql, the event-stream request included).
/// </summary>
public sealed class BrokenFramingTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string Chunked = "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n";

    public static TheoryData<string, string> Bodies => new()
    {
        { Chunked, "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n" },          // a chunk size that overflows
        { Chunked, "7FFFFFFF1\r\n{}\r\n0\r\n\r\n" },
        { Chunked, "zz\r\n{}\r\n0\r\n\r\n" },                            // not hex
        { Chunked, "2\r\n{}XX\r\n0\r\n\r\n" },                           // no CRLF after the chunk
        { Chunked, "2\r\n{}\r\n0\r\nX-Trailer\r\n\r\n" },            // a trailer line without a colon
    };

    public static TheoryData<string, string, string, string> Routes()
    {
        var routes = new[]
        {
            ("POST", "/connector/", ""), ("PUT", "/connector/github", ""), ("POST", "/connector/_search", ""),
            ("POST", "/graphql", ""), ("POST", "/graphql", "Accept: text/event-stream\r\n"),
        };
        var data = new TheoryData<string, string, string, string>();
        foreach (var (method, path, accept) in routes)
        {
            foreach (var body in Bodies)
            {
                data.Add(method, path, accept + (string)body[0], (string)body[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Broken_framing_is_a_400_in_the_routes_error_shape(string method, string path, string headers, string body)
    {
        var before = await server.SnapshotAsync();

        var response = await RawHttp.SendAsync(server.BaseAddress, RawHttp.Request(method, path, headers, body));

        Assert.Equal(400, response.Status);
        var json = response.Json!;
        if (path.StartsWith("/graphql", StringComparison.Ordinal))
        {
            Assert.Null(json["status"]);
            Assert.False(string.IsNullOrEmpty((string?)json["errors"]![0]!["message"]), response.Body);
            Assert.False(string.IsNullOrEmpty((string?)json["errors"]![0]!["extensions"]!["code"]), response.Body);
        }
        else
        {
            Assert.Equal(400, (int?)json["status"]);
            Assert.False(string.IsNullOrEmpty((string?)json["error"]!["reason"]), response.Body);
        }

        Assert.Equal(before, await server.SnapshotAsync());
    }
}
