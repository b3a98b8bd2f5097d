using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.Data.Sorting;

public enum SortDirection
{
    Ascending,
    Descending,
}

/// <summary>HotChocolate's <c>SortEnumType</c>.</summary>
public sealed class SortEnumType : EnumerationGraphType
{
    public SortEnumType()
    {
        Name = "SortEnumType";
        Description = "A sort direction.";
        Add("ASC", SortDirection.Ascending, "Smallest first (missing values first).");
        Add("DESC", SortDirection.Descending, "Largest first (missing values last).");
    }
}

/// <summary><c>order</c> items for connectors, named and ordered like HotChocolate's generated <c>ConnectorSortInput</c>.</summary>
public sealed class ConnectorSortInputType : InputObjectGraphType
{
    public ConnectorSortInputType()
    {
        Name = "ConnectorSortInput";
        Description = "One sort key. Give one field per list item; items apply in order, and `id` always breaks ties.";
        Field<SortEnumType>("id").Description("Sort by id.");
        Field<SortEnumType>("name").Description("Sort by name.");
        Field<SortEnumType>("description").Description("Sort by description.");
        Field<SortEnumType>("category").Description("Sort by category.");
        Field<SortEnumType>("icon").Description("Sort by icon.");
        Field<SortEnumType>("url").Description("Sort by url.");
        Field<SortEnumType>("pathHierarchy").Description("Sort by pathHierarchy (false first ascending).");
        Field<SortEnumType>("builtin").Description("Sort by builtin.");
        Field<SortEnumType>("oauthConnectImplemented").Description("Sort by oauthConnectImplemented.");
        Field<SortEnumType>("enabled").Description("Sort by enabled.");
        Field<ConnectorProcessorSortInputType>("processor").Description("Sort by a field of the processor.");
        Field<SortEnumType>("created").Description("Sort by creation time.");
        Field<SortEnumType>("updated").Description("Sort by the time of the last change.");
    }
}

public sealed class ConnectorProcessorSortInputType : InputObjectGraphType
{
    public ConnectorProcessorSortInputType()
    {
        Name = "ConnectorProcessorSortInput";
        Description = "A sort key on a connector's processor.";
        Field<SortEnumType>("enabled").Description("Sort by whether the processor runs.");
        Field<SortEnumType>("name").Description("Sort by the processor's name.");
    }
}

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
                    var field = QueryFields.All.FirstOrDefault(f => f.Name == prefix + name && f.Sortable)
                        ?? throw new QueryException("order", $"`{prefix}{name}` cannot be sorted on.");
                    keys.Add(new SortKey(field, direction == SortDirection.Descending));
                    break;
                case IDictionary<string, object?> nested:
                    Collect(nested, prefix + name + ".", keys);
                    break;
            }
        }
    }
}
