using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;

namespace Coco.Connectors.Domain;

/// <summary>
/// The client-owned fields of a connector: read from a client's Coco document and validated (<see cref="Read"/>, with
/// reasons that name the field), then applied to the entity (<see cref="ApplyTo"/>). Both directions live here so a
/// field added to the record is read (the constructor requires it) and applied beside it.
/// </summary>
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
    /// <summary>Reads the client-owned fields of <paramref name="doc"/>; absent or null fields take their defaults.</summary>
    public static ConnectorFields Read(JsonObject doc, List<ConnectorError> errors)
    {
        if (NulCharacters.FirstPath(doc) is { } nul)
        {
            errors.Add(new ValidationError(FieldPath.Parse(nul), "must not contain the NUL character (U+0000)"));
        }

        var reader = new ConnectorFieldReader(doc, errors);
        var name = reader.String("name", ConnectorLimits.NameMaxLength)?.Trim();
        if (name is null && !reader.Failed("name"))
        {
            errors.Add(new ValidationError(FieldPath.Of("name"), "is required"));
        }
        else if (name is { Length: 0 })
        {
            errors.Add(new ValidationError(FieldPath.Of("name"), "must not be blank"));
        }

        var assets = reader.Object("assets");
        var processor = reader.Object("processor") is { } p ? new ConnectorFieldReader(p, errors, FieldPath.Of("processor")) : null;
        return new(
            Name: name ?? "",
            Description: reader.String("description", ConnectorLimits.DescriptionMaxLength),
            Category: reader.String("category", ConnectorLimits.ShortTextMaxLength),
            Icon: reader.String("icon", ConnectorLimits.LinkMaxLength),
            Tags: reader.Tags("tags"),
            Url: reader.Url("url"),
            PathHierarchy: reader.Bool("path_hierarchy") ?? false,
            AssetIcons: assets is null ? [] : new ConnectorFieldReader(assets, errors, FieldPath.Of("assets")).IconMap("icons"),
            Config: reader.Config("config"),
            OauthConnectImplemented: reader.Bool("oauth_connect_implemented") ?? false,
            ProcessorEnabled: processor?.Bool("enabled") ?? false,
            ProcessorName: processor?.String("name", ConnectorLimits.ShortTextMaxLength),
            Enabled: reader.Bool("enabled") ?? true);
    }

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
