using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

public static class QueryFields
{
    public static readonly QueryField Id = Make("id", "id", c => c.Id, QueryFieldKind.String, nullable: false);
    public static readonly QueryField Name = Make("name", "name", c => c.Name, QueryFieldKind.String, nullable: false);
    public static readonly QueryField Description = Make("description", "description", c => c.Description, QueryFieldKind.String);
    public static readonly QueryField Category = Make("category", "category", c => c.Category, QueryFieldKind.String);
    public static readonly QueryField Icon = Make("icon", "icon", c => c.Icon, QueryFieldKind.String);
    public static readonly QueryField Url = Make("url", "url", c => c.Url, QueryFieldKind.String);
    public static readonly QueryField Tags = Make("tags", "tags", c => c.Tags, QueryFieldKind.StringList, nullable: false);
    public static readonly QueryField PathHierarchy = Make("pathHierarchy", "path_hierarchy", c => c.PathHierarchy, QueryFieldKind.Boolean, nullable: false);
    public static readonly QueryField Builtin = Make("builtin", "builtin", c => c.Builtin, QueryFieldKind.Boolean, nullable: false);
    public static readonly QueryField OauthConnectImplemented = Make("oauthConnectImplemented", "oauth_connect_implemented", c => c.OauthConnectImplemented, QueryFieldKind.Boolean, nullable: false);
    public static readonly QueryField Enabled = Make("enabled", "enabled", c => c.Enabled, QueryFieldKind.Boolean, nullable: false);
    public static readonly QueryField ProcessorEnabled = Make("processor.enabled", "processor.enabled", c => c.Processor.Enabled, QueryFieldKind.Boolean, nullable: false);
    public static readonly QueryField ProcessorName = Make("processor.name", "processor.name", c => c.Processor.Name, QueryFieldKind.String);
    public static readonly QueryField Created = Make("created", "created", c => c.Created, QueryFieldKind.DateTime, nullable: false);
    public static readonly QueryField Updated = Make("updated", "updated", c => c.Updated, QueryFieldKind.DateTime, nullable: false);

    public static IReadOnlyList<QueryField> All { get; } =
    [
        Id, Name, Description, Category, Icon, Url, Tags, PathHierarchy, Builtin, OauthConnectImplemented, Enabled,
        ProcessorEnabled, ProcessorName, Created, Updated,
    ];

    private static readonly Dictionary<string, QueryField> ByRestName = All.ToDictionary(f => f.RestName, StringComparer.Ordinal);

    /// <summary>Fields the free-text <c>query</c> looks in, and that <c>field:value</c> may name.</summary>
    public static IReadOnlyList<QueryField> FreeText { get; } = [Name, Description, Category, Tags, ProcessorName];

    public static QueryField? FindRest(string restName) => ByRestName.GetValueOrDefault(restName);

    /// <summary>True for names that reach into <c>config</c> (where secrets live), which no query may touch.</summary>
    public static bool IsConfigPath(string name) =>
        name.Equals("config", StringComparison.OrdinalIgnoreCase) || name.StartsWith("config.", StringComparison.OrdinalIgnoreCase);

    private static QueryField Make<T>(string name, string restName, Expression<Func<Connector, T>> selector, QueryFieldKind kind, bool nullable = true) =>
        new(name, restName, selector, kind, nullable);
}
