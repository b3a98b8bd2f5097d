using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Finds the longest list written in a document: a list value, an object value's fields, a field's or directive's
/// arguments, an operation's variables — wherever it appears (variable defaults, nested values). Validating and
/// coercing costs per item, and the engine reports one error per bad item (each costlier the longer the document),
/// so a long one is refused before validation. Each node of the text is visited once.
/// </summary>
internal sealed class SyntaxListCheck
{
    public int Longest { get; private set; }

    /// <summary>What the longest list is, for the error message.</summary>
    public string Kind { get; private set; } = "A list value";

    public static SyntaxListCheck Measure(GraphQLDocument document)
    {
        var check = new SyntaxListCheck();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLExecutableDefinition executable)
            {
                check.Directives(executable.Directives);
                if (executable is GraphQLOperationDefinition { Variables: { } variables })
                {
                    check.Count(variables.Items.Count, "A variable list");
                    foreach (var variable in variables.Items)
                    {
                        check.Value(variable.DefaultValue);
                        check.Directives(variable.Directives);
                    }
                }

                check.SelectionSet(executable.SelectionSet);
            }
        }

        return check;
    }

    private void Count(int items, string kind)
    {
        if (items > Longest)
        {
            (Longest, Kind) = (items, kind);
        }
    }

    private void SelectionSet(GraphQLSelectionSet? set)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    Arguments(field.Arguments);
                    Directives(field.Directives);
                    SelectionSet(field.SelectionSet);
                    break;
                case GraphQLInlineFragment inline:
                    Directives(inline.Directives);
                    SelectionSet(inline.SelectionSet);
                    break;
                case GraphQLFragmentSpread spread:
                    Directives(spread.Directives);
                    break;
            }
        }
    }

    private void Directives(GraphQLDirectives? directives)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            Arguments(directive.Arguments);
        }
    }

    private void Arguments(GraphQLArguments? arguments)
    {
        if (arguments is null)
        {
            return;
        }

        Count(arguments.Items.Count, "An argument list");
        foreach (var argument in arguments.Items)
        {
            Value(argument.Value);
        }
    }

    private void Value(GraphQLValue? value)
    {
        switch (value)
        {
            case GraphQLListValue { Values: { } items }:
                Count(items.Count, "A list value");
                foreach (var item in items)
                {
                    Value(item);
                }

                break;
            case GraphQLObjectValue { Fields: { } fields }:
                Count(fields.Count, "An object value");
                foreach (var field in fields)
                {
                    Value(field.Value);
                }

                break;
        }
    }
}
