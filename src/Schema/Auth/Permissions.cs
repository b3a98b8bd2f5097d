namespace Coco.Connectors.Auth;

/// <summary>Coco Server's permission names for connectors (coco-server-facts §2.9), plus <c>*</c> for all of them.</summary>
public static class Permissions
{
    public const string Create = "coco#connector/create";
    public const string Read = "coco#connector/read";
    public const string Update = "coco#connector/update";
    public const string Delete = "coco#connector/delete";
    public const string Search = "coco#connector/search";

    /// <summary>Reading the audit log of writes (ours: Coco has no audit permission for connectors).</summary>
    public const string Audit = "coco#connector/audit";
    public const string All = "*";

    public static IReadOnlyList<string> Known { get; } = [Create, Read, Update, Delete, Search, Audit, All];

    /// <summary>Parses a comma-separated list; throws <see cref="FormatException"/> naming an unknown permission.</summary>
    public static IReadOnlySet<string> Parse(string? list)
    {
        var parsed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Known.Contains(item, StringComparer.Ordinal))
            {
                throw new FormatException($"'{item}' is not a permission; use {string.Join(", ", Known)}.");
            }

            parsed.Add(item);
        }

        return parsed;
    }

    public static string Format(IEnumerable<string> permissions) => string.Join(',', permissions.Order(StringComparer.Ordinal));
}
