using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary>Turns a parsed <c>order</c> argument into the query model's sort keys.</summary>
public static class SortArgument
{
    public static IReadOnlyList<SortKey> ToSortKeys(IEnumerable<object?>? order)
    {
        var keys = new List<SortKey>();
        foreach (var item in order ?? [])
        {
            if (item is IDictionary<string, object?> fields)
            {
                Collect(fields, "", keys);
            }
        }

        return keys;
    }

    private static void Collect(IDictionary<string, object?> fields, string prefix, List<SortKey> keys)
    {
        foreach (var (name, value) in fields)
        {
            switch (value)
            {
                case SortDirection direction:
                    var field = QueryFields.FindGraphQL(prefix + name) is { Sortable: true } sortable
                        ? sortable
                        : throw new QueryException("order", $"`{prefix}{name}` cannot be sorted on.");
                    keys.Add(new SortKey(field, direction == SortDirection.Descending));
                    break;
                case IDictionary<string, object?> nested:
                    Collect(nested, prefix + name + ".", keys);
                    break;
            }
        }
    }
}
