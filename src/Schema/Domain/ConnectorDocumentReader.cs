using System.Text.Json.Nodes;

namespace Coco.Connectors.Domain;

/// <summary>
/// Reads a client's Coco document into validated <see cref="ConnectorFields"/>, with reasons that name the field.
/// </summary>
public static class ConnectorDocumentReader
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
        return new ConnectorFields(
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
}
