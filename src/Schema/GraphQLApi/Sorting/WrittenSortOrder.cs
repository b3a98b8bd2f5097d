using System.Collections;
using GraphQL;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary>
/// The sort fields of each <c>order</c> item in the order the client wrote them. graphql-dotnet coerces an input object
/// into a dictionary in the input type's field order, so a sort object with several fields
/// (<c>{category: ASC, name: DESC}</c>) would otherwise apply in schema order; HotChocolate applies the written order.
/// Read from the document for literals and from the request's variables (JSON key order) for variables.
/// </summary>
public static class WrittenSortOrder
{
    /// <summary>Per order item, the dotted field paths (<c>processor.name</c>) as written; empty when the argument is absent.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Of(IResolveFieldContext ctx, string argument)
    {
        var items = new List<IReadOnlyList<string>>();
        if (ctx.FieldAst.Arguments?.ValueFor(argument) is not { } value)
        {
            return items;
        }

        switch (value)
        {
            case GraphQLListValue list:
                foreach (var item in list.Values ?? [])
                {
                    AddItems(ctx, item, items, allowList: false);
                }

                break;
            default:
                AddItems(ctx, value, items, allowList: true);
                break;
        }

        return items;
    }

    // One item (an object literal or a variable holding an object), or, for the whole argument, a variable holding the list.
    private static void AddItems(IResolveFieldContext ctx, GraphQLValue value, List<IReadOnlyList<string>> items, bool allowList)
    {
        if (value is GraphQLVariable variable)
        {
            var (found, raw, fallback) = Resolve(ctx, variable);
            if (!found)
            {
                if (fallback is not null)
                {
                    AddItems(ctx, fallback, items, allowList);
                }

                return;
            }

            if (raw is IDictionary<string, object?> map)
            {
                var paths = new List<string>();
                FromRaw(map, "", paths);
                items.Add(paths);
            }
            else if (allowList && raw is IEnumerable list and not string)
            {
                foreach (var entry in list)
                {
                    var paths = new List<string>();
                    if (entry is IDictionary<string, object?> entryMap)
                    {
                        FromRaw(entryMap, "", paths);
                    }

                    items.Add(paths);
                }
            }

            return;
        }

        if (allowList && value is GraphQLListValue list2)
        {
            foreach (var item in list2.Values ?? [])
            {
                AddItems(ctx, item, items, allowList: false);
            }

            return;
        }

        var written = new List<string>();
        if (value is GraphQLObjectValue obj)
        {
            FromLiteral(ctx, obj, "", written);
        }

        items.Add(written);
    }

    private static void FromLiteral(IResolveFieldContext ctx, GraphQLObjectValue obj, string prefix, List<string> paths)
    {
        foreach (var field in obj.Fields ?? [])
        {
            var path = prefix + field.Name.StringValue;
            switch (field.Value)
            {
                case GraphQLObjectValue nested:
                    FromLiteral(ctx, nested, path + ".", paths);
                    break;
                case GraphQLVariable variable when Resolve(ctx, variable) is var (found, raw, fallback):
                    if (found && raw is IDictionary<string, object?> map)
                    {
                        FromRaw(map, path + ".", paths);
                    }
                    else if (!found && fallback is GraphQLObjectValue defaultObject)
                    {
                        FromLiteral(ctx, defaultObject, path + ".", paths);
                    }
                    else
                    {
                        paths.Add(path);
                    }

                    break;
                default:
                    paths.Add(path);
                    break;
            }
        }
    }

    private static void FromRaw(IDictionary<string, object?> map, string prefix, List<string> paths)
    {
        foreach (var (name, value) in map)
        {
            if (value is IDictionary<string, object?> nested)
            {
                FromRaw(nested, prefix + name + ".", paths);
            }
            else
            {
                paths.Add(prefix + name);
            }
        }
    }

    // The variable's value as the client sent it, or else its default from the operation.
    private static (bool Found, object? Raw, GraphQLValue? Default) Resolve(IResolveFieldContext ctx, GraphQLVariable variable)
    {
        var name = variable.Name.StringValue;
        if (ctx.ExecutionContext.ExecutionOptions.Variables is { } inputs && inputs.TryGetValue(name, out var raw))
        {
            return (true, raw, null);
        }

        var definition = ctx.Operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
        return (false, null, definition?.DefaultValue);
    }
}
