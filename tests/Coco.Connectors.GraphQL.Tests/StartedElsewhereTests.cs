using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests;

/// <summary>
/// The server as an operator runs it: its own process, started from some other folder, its console log read back.
/// appsettings.json (next to the app) still applies, the database goes under the working directory, request URLs
/// and their query strings stay out of the log at the default levels, and a value a client chose cannot forge lines.
/// </summary>
public sealed class StartedElsewhereTests : IDisposable
{
    private const string Secret = "hunter2-in-a-query-string";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-tests", "elsewhere-" + Guid.NewGuid().ToString("N"));

    public StartedElsewhereTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Appsettings_apply_and_the_database_is_under_the_working_directory()
    {
        await using var server = await ServerProcess.StartAsync(_folder);
        using (var client = server.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"connector/_search?query=github&token={Secret}", UriKind.Relative))).StatusCode);
            var variables = Uri.EscapeDataString($$"""{"password":"{{Secret}}"}""");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"graphql?query=%7B__typename%7D&variables={variables}", UriKind.Relative))).StatusCode);
            var forged = await RawHttp.SendAsync(server.BaseAddress, RawHttp.Request("GET", $"/connector/%0d%0aFORGED?api_key={Secret}", "", "", withTestToken: false));
            Assert.Equal(400, forged.Status);
        }

        var log = await server.StopAsync();

        Assert.True(File.Exists(Path.Combine(_folder, "data", "coco.db")), log);
        Assert.Contains($"Store: sqlite file {Path.Combine(_folder, "data", "coco.db")}", log, StringComparison.Ordinal);
        Assert.Contains($"Content root path: {AppContext.BaseDirectory}", log, StringComparison.Ordinal);
        // Under appsettings.json's levels neither the request log nor SQL is written, so neither are the URLs.
        Assert.DoesNotContain("Request starting", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Executed DbCommand", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain("FORGED", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_logged_values_are_escaped_so_no_line_can_be_forged()
    {
        // The request log turned on, as an operator debugging might: it writes the path the client chose.
        await using var server = await ServerProcess.StartAsync(_folder, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var response = await RawHttp.SendAsync(server.BaseAddress,
            RawHttp.Request("GET", "/connector/%0d%0afail:%20FORGED%1b[31m%e2%80%a8x", "", "", withTestToken: false));

        var log = await server.StopAsync();

        Assert.Equal(400, response.Status);
        Assert.Contains("Request starting", log, StringComparison.Ordinal);
        Assert.Contains(@"/connector/\r\nfail: FORGED\u001b[31m\u2028x", log, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', log);
        Assert.DoesNotContain('\u001b', log);
        Assert.DoesNotContain('\u2028', log);
        Assert.DoesNotContain(log.Split('\n'), line => line.TrimStart().StartsWith("fail: FORGED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_json_log_keeps_one_entry_per_line_carries_scopes_and_holds_no_secret()
    {
        // JSON by configuration, with every SQL command logged (values stay out: EF logs parameters by name only).
        // The request log stays at appsettings.json's level: it would write query strings, as the test above says.
        await using var server = await ServerProcess.StartAsync(_folder, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        using (var client = server.CreateHttpClient())
        {
            var create = await client.PostAsync(new Uri("connector/", UriKind.Relative), new StringContent(
                $$$"""{"id":"logged-connector","name":"logged","config":{"token":"{{{Secret}}}","url":"postgres://u:{{{Secret}}}@h/db"}}""",
                System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, create.StatusCode);
            var mutation = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
            {
                query = "mutation Rotate($id: ID!, $config: JSON!) { updateConnector(input: { id: $id, config: $config }) { connector { id } } }",
                operationName = "Rotate",
                variables = new { id = "logged-connector", config = new { token = Secret + "-rotated" } },
            }), System.Text.Encoding.UTF8, "application/json");
            var rotated = await client.PostAsync(new Uri("graphql", UriKind.Relative), mutation);
            Assert.Contains("logged-connector", await rotated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"connector/_search?query=logged&token={Secret}", UriKind.Relative))).StatusCode);
            var forged = await RawHttp.SendAsync(server.BaseAddress, RawHttp.Request("GET", "/connector/%0d%0a{\"FORGED\":1}%1b[31m%e2%80%a8x", "", "", withTestToken: false));
            Assert.Equal(400, forged.Status);
        }

        var log = await server.StopAsync();

        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', log);
        Assert.DoesNotContain('\u001b', log);
        Assert.DoesNotContain('\u2028', log);
        var entries = log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.DoesNotContain(entries, e => e.TryGetProperty("FORGED", out _));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.Contains("Now listening on", StringComparison.Ordinal));

        // The SQL of the GraphQL write runs inside the request's, the operation's and the connector's scopes.
        var write = entries.Where(e => e.GetProperty("Category").GetString() == "Microsoft.EntityFrameworkCore.Database.Command"
            && e.GetProperty("Message").GetString()!.Contains("UPDATE", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(write);
        var scopes = write[^1].GetProperty("Scopes").ToString();
        Assert.Contains("\"RequestId\"", scopes, StringComparison.Ordinal);
        Assert.Contains("\"GraphQLOperation\":\"Rotate\"", scopes, StringComparison.Ordinal);
        Assert.Contains("\"ConnectorId\":\"logged-connector\"", scopes, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
