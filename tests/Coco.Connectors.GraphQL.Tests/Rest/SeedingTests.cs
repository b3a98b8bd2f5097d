using System.Net;
using Coco.Connectors.Seeding;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Rest;

public sealed class SeedingTests
{
    [Fact]
    public async Task The_26_built_ins_are_seeded_once_and_a_restart_keeps_user_edits()
    {
        var first = new CocoServer();
        using (var client = first.CreateHttpClient())
        {
            var builtins = await client.GetJsonAsync("connector/_search?filter=builtin:true&size=100");
            Assert.Equal(26, (int)builtins.Object["hits"]!["total"]!["value"]!);
            Assert.Equal(26, BuiltinConnectors.All.Select(d => (string)d["id"]!).Distinct().Count());

            var drive = (await client.GetJsonAsync("connector/google_drive")).Object["_source"]!;
            Assert.Equal("Google Drive Connector", (string?)drive["name"]);
            Assert.Equal("cloud_storage", (string?)drive["category"]);
            Assert.True((bool)drive["oauth_connect_implemented"]!);
            Assert.Equal("/assets/icons/connector/google_drive/icon.png", (string?)drive["icon"]);
            Assert.Equal(20, drive["assets"]!["icons"]!.AsObject().Count);
            Assert.Equal("google_drive", (string?)drive["processor"]!["name"]);

            var webhookResponse = await client.GetJsonAsync("connector/gitlab_webhook_receiver");
            Assert.Contains("Gitlab Webhook（Merge Request）Connector", webhookResponse.Text, StringComparison.Ordinal); // written as is, not \uFF08
            var webhook = webhookResponse.Object["_source"]!;
            Assert.False((bool)webhook["processor"]!["enabled"]!);
            Assert.Equal("font_gitlab", (string?)webhook["icon"]);

            var edit = await client.SendJsonAsync(HttpMethod.Put, "connector/github", """{"name": "Our GitHub", "tags": ["ours"]}""");
            Assert.Equal(HttpStatusCode.OK, edit.Status);
        }

        using var restarted = first.Restarted();
        first.Dispose();
        using var again = restarted.CreateHttpClient();
        var after = await again.GetJsonAsync("connector/_search?filter=builtin:true&size=100");
        Assert.Equal(26, (int)after.Object["hits"]!["total"]!["value"]!);
        var github = await restarted.StoredAsync("github");
        Assert.Equal("Our GitHub", github!.Name);
        Assert.Equal(["ours"], github.Tags);
        Assert.Equal(2, github.Version);
    }
}
