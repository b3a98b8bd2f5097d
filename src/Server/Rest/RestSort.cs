using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Querying;
using SortKey = Coco.Connectors.Querying.SortKey;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// <c>sort=field:asc|desc,…</c> over the sortable REST field names. Coco's <c>_score</c> is accepted and skipped (there
/// is no relevance score; the response's <c>Warning</c> header says so).
/// </summary>
public static class RestSort
{
    public const string Score = "_score";

    public static bool AsksForScore(string? sort) =>
        sort is not null && sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(part => part.Split(':', 2, StringSplitOptions.TrimEntries)[0] == Score);

    public static IReadOnlyList<SortKey> Parse(string? sort)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return ConnectorQuery.DefaultOrder;
        }

        var keys = new List<SortKey>();
        foreach (var part in sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            var name = pieces[0];
            if (name == Score)
            {
                continue;
            }

            if (QueryFields.IsConfigPath(name))
            {
                throw new QueryException("sort", "config cannot be sorted on, it may hold secrets");
            }

            var field = QueryFields.FindRest(name);
            if (field is null || !field.Sortable)
            {
                throw new QueryException("sort", $"cannot sort on '{name}'; sortable fields are " +
                    string.Join(", ", QueryFields.All.Where(f => f.Sortable).Select(f => f.RestName)));
            }

            var direction = pieces.Length > 1 ? pieces[1].ToLowerInvariant() : "asc";
            if (direction is not ("asc" or "desc"))
            {
                throw new QueryException("sort", $"sort direction for '{name}' must be asc or desc, not '{pieces[1]}'");
            }

            keys.Add(new SortKey(field, direction == "desc"));
        }

        return keys.Count == 0 ? ConnectorQuery.DefaultOrder : keys;
    }
}
