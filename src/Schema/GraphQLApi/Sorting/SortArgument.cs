using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary>Turns a parsed <c>order</c> argument into the query model's sort keys.</summary>
public static class SortArgument
{
    /// <summary>
    /// The keys of the parsed <paramref name="order"/> list; within one item, the fields go in <paramref name="written"/>
    /// order (see <see cref="WrittenSortOrder"/>), and any field it does not name keeps the input type's order after them.
    /// </summary>
    public static IReadOnlyList<SortKey> ToSortKeys(IEnumerable<object?>? order, IReadOnlyList<IReadOnlyList<string>>? written = null)
    {
        var keys = new List<SortKey>();
        var index = 0;
        foreach (var item in order ?? [])
        {
            if (item is IDictionary<string, object?> fields)
            {
                var itemKeys = new List<SortKey>();
                Collect(fields, "", itemKeys);
                var writtenPaths = written is not null && index < written.Count ? written[index] : [];
                keys.AddRange(itemKeys.OrderBy(key => Position(writtenPaths, key.Field.Name)));
            }

            index++;
        }

        return keys;
    }

    private static int Position(IReadOnlyList<string> writtenPaths, string path)
    {
        for (var i = 0; i < writtenPaths.Count; i++)
        {
            if (writtenPaths[i] == path)
            {
                return i;
            }
        }

        return int.MaxValue;
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
