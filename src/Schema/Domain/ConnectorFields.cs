using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;

namespace Coco.Connectors.Domain;

/// <summary>The client-owned fields of a connector, validated.</summary>
public sealed record ConnectorFields(
    string Name,
    string? Description,
    string? Category,
    string? Icon,
    List<string> Tags,
    string? Url,
    bool PathHierarchy,
    Dictionary<string, string> AssetIcons,
    JsonObject? Config,
    bool OauthConnectImplemented,
    bool ProcessorEnabled,
    string? ProcessorName,
    bool Enabled)
{
    public void ApplyTo(Connector c)
    {
        c.Name = Name;
        c.Description = Description;
        c.Category = Category;
        c.Icon = Icon;
        c.Tags = Tags;
        c.Url = SecretPolicy.MaskUrlPasswords(Url);
        c.UrlWithPassword = c.Url == Url ? null : Url;
        c.PathHierarchy = PathHierarchy;
        c.AssetIcons = AssetIcons;
        c.Config = Config;
        c.OauthConnectImplemented = OauthConnectImplemented;
        c.Processor = new ConnectorProcessor { Enabled = ProcessorEnabled, Name = ProcessorName };
        c.Enabled = Enabled;
        c.SearchText = SearchTextOf(this);
    }

    private static string SearchTextOf(ConnectorFields f) =>
        string.Join('\n', new[] { f.Name, f.Description, f.Category, f.ProcessorName }.Concat(f.Tags)
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
}
