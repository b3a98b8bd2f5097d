using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Connectors;

namespace Coco.Connectors.UnitTests.Connectors;

/// <summary>
/// A field is declared in several places (entity, document, inputs); these fail when one of them is forgotten, so a
/// new field is either carried everywhere or caught here without a server.
/// </summary>
public sealed class ConnectorDocumentTests
{
    // Every client-owned field away from its default, so a field that is read but not applied or rendered shows.
    private const string EveryField = """
        {
          "name": "Drive", "description": "desc", "category": "cloud_storage", "icon": "drive", "tags": ["a", "b"],
          "url": "https://example.com/drive", "path_hierarchy": true,
          "assets": { "icons": { "file": "https://example.com/file.png" } },
          "config": { "token": "secret-value", "depth": 2 }, "oauth_connect_implemented": true,
          "processor": { "enabled": true, "name": "sync" }, "enabled": false
        }
        """;

    private static readonly string[] ServerOwned = ["id", "created", "updated", "builtin"];

    // Entity properties the write path sets itself, not from the client's document.
    private static readonly string[] NotClientOwned =
    [
        nameof(Connector.Id), nameof(Connector.Created), nameof(Connector.Updated), nameof(Connector.Version),
        nameof(Connector.Builtin), nameof(Connector.SearchText), nameof(Connector.UrlWithPassword),
    ];

    [Fact]
    public void The_document_above_sets_every_client_owned_property()
    {
        var connector = new Connector { Id = "c1" };
        var untouched = new Connector { Id = "c1" };
        ConnectorFields.Read(JsonNode.Parse(EveryField)!.AsObject(), []).ApplyTo(connector);

        foreach (var property in typeof(Connector).GetProperties().Where(p => !NotClientOwned.Contains(p.Name)))
        {
            Assert.True(
                JsonSerializer.Serialize(property.GetValue(connector)) != JsonSerializer.Serialize(property.GetValue(untouched)),
                $"{property.Name} is read from the document and applied (add it to the document above)");
        }
    }

    [Fact]
    public void Every_client_field_survives_read_apply_and_render()
    {
        var sent = JsonNode.Parse(EveryField)!.AsObject();
        var errors = new List<ConnectorError>();
        var connector = new Connector { Id = "c1" };

        ConnectorFields.Read(sent, errors).ApplyTo(connector);

        Assert.Empty(errors);
        var rendered = ConnectorDocument.ToJson(connector, maskSecrets: false);
        foreach (var key in ServerOwned)
        {
            Assert.True(rendered.Remove(key), $"{key} is rendered");
        }

        Assert.True(JsonNode.DeepEquals(sent, rendered), rendered.ToJsonString());
    }

    [Fact]
    public void Every_input_field_has_a_Coco_name()
    {
        var notConnectorFields = new HashSet<string>(["id", "replace", "expectedVersion"], StringComparer.Ordinal);
        var inputs = new UpdateConnectorInputType().Fields.Select(f => f.Name).Where(n => !notConnectorFields.Contains(n)).ToList();

        Assert.Contains("pathHierarchy", inputs);
        foreach (var name in inputs)
        {
            Assert.Single(ConnectorInputDocument.ToCoco(new Dictionary<string, object?> { [name] = "x" }));
        }
    }
}
