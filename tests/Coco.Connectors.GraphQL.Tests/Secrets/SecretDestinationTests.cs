using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// Secrets follow their destination: changing where a connector's credentials are sent (a url, uri, endpoint, host
/// or domain key) must resend them, on every write path, or the write is refused and nothing changes.
/// </summary>
public sealed class SecretDestinationTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string Stored = """
        {"name":"oauth app","config":{"token_url":"https://auth.example/token","client_id":"app","client_secret":"s3cret",
         "api":{"endpoint":"https://api.example","api_key":"k3y"},"page_size":10}}
        """;

    public static TheoryData<string, bool, string> RedirectingPatches => new()
    {
        // Merge patches that move a destination without resending the secrets.
        { """{"config":{"token_url":"https://attacker.example/steal"}}""", false, "config.client_secret, config.api.api_key" },
        { """{"config":{"api":{"endpoint":"https://attacker.example"}}}""", false, "config.client_secret, config.api.api_key" },
        { """{"config":{"token_url":"https://attacker.example/steal","client_secret":"******","api":{"api_key":"******"}}}""", false, "config.client_secret, config.api.api_key" },
        { """{"config":{"token_url":"https://attacker.example/steal","client_secret":"new"}}""", false, "config.api.api_key" },
        { """{"config":{"auth_domain":"attacker.example"}}""", false, "config.client_secret" },
        { """{"config":{"proxy":"http://attacker.example:3128"}}""", false, "config.client_secret" },
        { """{"config":{"ldap_server":"attacker.example"}}""", false, "config.client_secret" },
        { """{"config":{"servers":["attacker.example"]}}""", false, "config.client_secret" },
        { """{"config":{"api":{"address":"attacker.example"}}}""", false, "config.client_secret" },
        // A replacement that keeps the secrets by their mask.
        { """{"name":"oauth app","config":{"token_url":"https://attacker.example/steal","client_id":"app","client_secret":"******","api":{"endpoint":"https://api.example","api_key":"******"}}}""", true, "config.client_secret" },
    };

    [Theory]
    [MemberData(nameof(RedirectingPatches))]
    public async Task Moving_a_destination_without_resending_the_secrets_is_400_naming_them(string patch, bool replace, string named)
    {
        using var client = server.CreateHttpClient();
        var id = await CreateAsync(client);
        var before = await server.StoredAsync(id);

        var response = await client.SendJsonAsync(HttpMethod.Put, $"/connector/{id}{(replace ? "?replace=true" : "")}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(named, (string?)response.Object["error"]!["reason"], StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", response.Text, StringComparison.Ordinal);
        Assert.Equal(before!.Version, (await server.StoredAsync(id))!.Version);
    }

    public static TheoryData<string> AllowedPatches => new()
    {
        // Secrets resent with the new destination.
        """{"config":{"token_url":"https://auth2.example/token","client_secret":"s3cret2","api":{"api_key":"k3y2"}}}""",
        // Other settings change; the secrets stay where they were going.
        """{"config":{"page_size":50,"client_secret":"******"}}""",
        """{"name":"renamed","description":"no destination touched"}""",
        // The secrets go away together with the destination change: nothing is sent anywhere new.
        """{"config":{"token_url":"https://other.example","client_secret":null,"api":null}}""",
    };

    [Theory]
    [MemberData(nameof(AllowedPatches))]
    public async Task Writes_that_resend_the_secrets_or_leave_destinations_alone_succeed(string patch)
    {
        using var client = server.CreateHttpClient();
        var id = await CreateAsync(client);
        var response = await client.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", patch);
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task GraphQL_updates_follow_the_same_rule()
    {
        using var client = server.CreateHttpClient();
        var id = await CreateAsync(client);
        var mutation = new JsonObject
        {
            ["query"] = "mutation($id: ID!) { updateConnector(input: { id: $id, config: { token_url: \"https://attacker.example\" } }) { errors { __typename ... on Error { message } } } }",
            ["variables"] = new JsonObject { ["id"] = id },
        };
        var response = await client.SendJsonAsync(HttpMethod.Post, "/graphql", mutation.ToJsonString());
        var error = response.Object["data"]!["updateConnector"]!["errors"]![0]!;
        Assert.Equal("ValidationError", (string?)error["__typename"]);
        Assert.Contains("config.client_secret", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("https://auth.example/token", (string?)(await server.StoredAsync(id))!.Config!["token_url"]);
    }

    private static async Task<string> CreateAsync(HttpClient client)
    {
        var created = await client.SendJsonAsync(HttpMethod.Post, "/connector/", Stored);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (string)created.Object["_id"]!;
    }
}
