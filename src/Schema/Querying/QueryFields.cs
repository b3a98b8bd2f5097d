using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// The catalogue of queryable fields, the one place a queryable field is declared. The GraphQL filter and sort inputs
/// are generated from it (in this order), the <c>where</c>/<c>order</c> compilers and the REST dialects look fields up
/// in it, and the GraphQL↔Coco name maps are built from it.
/// </summary>
public static class QueryFields
{
    public static readonly QueryFieldGroup Processor = new("processor", "processor", "Conditions on the processor.", "Sort by a field of the processor.");

    public static readonly QueryField Id = Make("id", "id", c => c.Id, QueryFieldKind.String, nullable: false, "Conditions on the id.", "Sort by id.");
    public static readonly QueryField Name = Make("name", "name", c => c.Name, QueryFieldKind.String, nullable: false, "Conditions on the name.", "Sort by name.");
    public static readonly QueryField Description = Make("description", "description", c => c.Description, QueryFieldKind.String, nullable: true, "Conditions on the description.", "Sort by description.");
    public static readonly QueryField Category = Make("category", "category", c => c.Category, QueryFieldKind.String, nullable: true, "Conditions on the category.", "Sort by category.");
    public static readonly QueryField Icon = Make("icon", "icon", c => c.Icon, QueryFieldKind.String, nullable: true, "Conditions on the icon.", "Sort by icon.");
    public static readonly QueryField Url = Make("url", "url", c => c.Url, QueryFieldKind.String, nullable: true, "Conditions on the url.", "Sort by url.");
    public static readonly QueryField Tags = Make("tags", "tags", c => c.Tags, QueryFieldKind.StringList, nullable: false, "Conditions on the tags.", sort: null);
    public static readonly QueryField PathHierarchy = Make("pathHierarchy", "path_hierarchy", c => c.PathHierarchy, QueryFieldKind.Boolean, nullable: false, "Conditions on pathHierarchy.", "Sort by pathHierarchy (false first ascending).");
    public static readonly QueryField Builtin = Make("builtin", "builtin", c => c.Builtin, QueryFieldKind.Boolean, nullable: false, "Conditions on builtin.", "Sort by builtin.");
    public static readonly QueryField OauthConnectImplemented = Make("oauthConnectImplemented", "oauth_connect_implemented", c => c.OauthConnectImplemented, QueryFieldKind.Boolean, nullable: false, "Conditions on oauthConnectImplemented.", "Sort by oauthConnectImplemented.");
    public static readonly QueryField Enabled = Make("enabled", "enabled", c => c.Enabled, QueryFieldKind.Boolean, nullable: false, "Conditions on enabled.", "Sort by enabled.");
    public static readonly QueryField ProcessorEnabled = Make(Processor, "enabled", "enabled", c => c.Processor.Enabled, QueryFieldKind.Boolean, nullable: false, "Conditions on whether the processor runs.", "Sort by whether the processor runs.");
    public static readonly QueryField ProcessorName = Make(Processor, "name", "name", c => c.Processor.Name, QueryFieldKind.String, nullable: true, "Conditions on the processor's name.", "Sort by the processor's name.");
    public static readonly QueryField Created = Make("created", "created", c => c.Created, QueryFieldKind.DateTime, nullable: false, "Conditions on the creation time.", "Sort by creation time.");
    public static readonly QueryField Updated = Make("updated", "updated", c => c.Updated, QueryFieldKind.DateTime, nullable: false, "Conditions on the time of the last change.", "Sort by the time of the last change.");
    public static readonly QueryField Version = Make("version", "version", c => c.Version, QueryFieldKind.Int, nullable: false, "Conditions on the version (1 when created, one more on each change; the REST ETag).", "Sort by version.");

    /// <summary>Every queryable field, in the order the GraphQL inputs list them (a group where its first field is).</summary>
    public static IReadOnlyList<QueryField> All { get; } =
    [
        Id, Name, Description, Category, Icon, Url, Tags, PathHierarchy, Builtin, OauthConnectImplemented, Enabled,
        ProcessorEnabled, ProcessorName, Created, Updated, Version,
    ];

    private static readonly Dictionary<string, QueryField> ByRestName = All.ToDictionary(f => f.RestName, StringComparer.Ordinal);
    private static readonly Dictionary<string, QueryField> ByGraphQLName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, QueryFieldGroup> GroupsByGraphQLName =
        All.Where(f => f.Group is not null).Select(f => f.Group!).Distinct().ToDictionary(g => g.Name, StringComparer.Ordinal);

    /// <summary>Fields the free-text <c>query</c> looks in, and that <c>field:value</c> may name.</summary>
    public static IReadOnlyList<QueryField> FreeText { get; } = [Name, Description, Category, Tags, ProcessorName];

    /// <summary>Each GraphQL name segment with its Coco (REST) counterpart, e.g. <c>pathHierarchy</c> → <c>path_hierarchy</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SegmentNames { get; } =
    [
        .. All.SelectMany(f => f.Name.Split('.').Zip(f.RestName.Split('.'), KeyValuePair.Create)).Distinct(),
    ];

    public static QueryField? FindRest(string restName) => ByRestName.GetValueOrDefault(restName);

    /// <summary>The field with this GraphQL path (<c>processor.name</c>), or null.</summary>
    public static QueryField? FindGraphQL(string name) => ByGraphQLName.GetValueOrDefault(name);

    /// <summary>The group with this GraphQL name (<c>processor</c>), or null.</summary>
    public static QueryFieldGroup? FindGroup(string name) => GroupsByGraphQLName.GetValueOrDefault(name);

    /// <summary>The fields of <paramref name="group"/>, in catalogue order.</summary>
    public static IEnumerable<QueryField> In(QueryFieldGroup group) => All.Where(f => f.Group == group);

    /// <summary>True for names that reach into <c>config</c> (where secrets live), which no query may touch.</summary>
    public static bool IsConfigPath(string name) =>
        name.Equals("config", StringComparison.OrdinalIgnoreCase) || name.StartsWith("config.", StringComparison.OrdinalIgnoreCase);

    private static QueryField Make<T>(string name, string restName, Expression<Func<Connector, T>> selector, QueryFieldKind kind, bool nullable, string filter, string? sort) =>
        new(name, restName, selector, kind, nullable, filter, sort);

    private static QueryField Make<T>(QueryFieldGroup group, string name, string restName, Expression<Func<Connector, T>> selector, QueryFieldKind kind, bool nullable, string filter, string sort) =>
        new($"{group.Name}.{name}", $"{group.RestName}.{restName}", selector, kind, nullable, filter, sort, group);
}
