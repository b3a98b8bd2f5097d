using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Finds the longest list literal anywhere in a document (arguments, directive arguments, variable defaults, nested
/// in objects and lists). Validating and coercing a long list costs microseconds per item, so a long one is refused
/// before validation; the walk visits each node of the text once.
/// </summary>
internal static class ListLiteralCheck
{
    public static int LongestList(GraphQLDocument document)
    {
        var longest = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLExecutableDefinition executable)
            {
                Directives(executable.Directives, ref longest);
                if (executable is GraphQLOperationDefinition { Variables: { } variables })
                {
                    foreach (var variable in variables.Items)
                    {
                        Value(variable.DefaultValue, ref longest);
                        Directives(variable.Directives, ref longest);
                    }
                }

                SelectionSet(executable.SelectionSet, ref longest);
            }
        }

        return longest;
    }

    private static void SelectionSet(GraphQLSelectionSet? set, ref int longest)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    Arguments(field.Arguments, ref longest);
                    Directives(field.Directives, ref longest);
                    SelectionSet(field.SelectionSet, ref longest);
                    break;
                case GraphQLInlineFragment inline:
                    Directives(inline.Directives, ref longest);
                    SelectionSet(inline.SelectionSet, ref longest);
                    break;
                case GraphQLFragmentSpread spread:
                    Directives(spread.Directives, ref longest);
                    break;
            }
        }
    }

    private static void Directives(GraphQLDirectives? directives, ref int longest)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            Arguments(directive.Arguments, ref longest);
        }
    }

    private static void Arguments(GraphQLArguments? arguments, ref int longest)
    {
        foreach (var argument in arguments?.Items ?? [])
        {
            Value(argument.Value, ref longest);
        }
    }

    private static void Value(GraphQLValue? value, ref int longest)
    {
        switch (value)
        {
            case GraphQLListValue { Values: { } items }:
                longest = Math.Max(longest, items.Count);
                foreach (var item in items)
                {
                    Value(item, ref longest);
                }

                break;
            case GraphQLObjectValue { Fields: { } fields }:
                foreach (var field in fields)
                {
                    Value(field.Value, ref longest);
                }

                break;
        }
    }
}
