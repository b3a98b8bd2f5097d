namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// The shapes of the hostile-input issue and their smaller siblings that fit under the token limit, so every limit is
/// reached by some shape. Each builds the document text a hostile client would send.
/// </summary>
public static class HostileDocuments
{
    /// <summary><c>{ ...F0 } fragment F0 on Query { ...F1 ...F1 } … fragment Fk on Query { leaf }</c>: 2^k leaves, k+1 fragments.</summary>
    public static string FragmentFanOut(int k, string leaf) =>
        string.Join(' ', [
            "{ ...F0 }",
            .. Enumerable.Range(0, k).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}"),
            $"fragment F{k} on Query {{ {leaf} }}",
        ]);

    /// <summary><c>{ ...F0 } fragment F0 on Query { ...F1 } …</c>: fragments spread inside one another <paramref name="length"/> deep.</summary>
    public static string FragmentChain(int length) =>
        string.Join(' ', [
            "{ ...F0 }",
            .. Enumerable.Range(0, length).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} }}"),
            $"fragment F{length} on Query {{ __typename }}",
        ]);

    /// <summary>The same selection repeated under the same response name (the copies merge; validation compares every pair).</summary>
    public static string Copies(int count, string selection) => "{ " + string.Join(' ', Enumerable.Repeat(selection, count)) + " }";

    public static string Aliased(int count, string selection, string operation = "") =>
        operation + "{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}: {selection}")) + " }";

    public static string CreateConnectors(int count, string marker) =>
        Aliased(count, $"createConnector(input: {{name: \"{marker}\"}}) {{ connector {{ id }} }}", "mutation ");

    public static string Skips(int count) => "{ __typename" + string.Concat(Enumerable.Repeat(" @skip(if: false)", count)) + " }";

    public static string InList(int count) =>
        "{ connectors(where: {name: {in: [" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"v{i}\"")) + "]}}) { nodes { id } } }";

    public static string DeepTypeRef(int depth)
    {
        var selection = "name";
        for (var i = 0; i < depth; i++)
        {
            selection = $"ofType {{ {selection} }}";
        }

        return "{ __type(name: \"Connector\") { fields { type { " + selection + " } } } }";
    }

    /// <summary>Nesting beyond what the parser takes at all (its own depth limit).</summary>
    public static string DeepSelections(int depth) => string.Concat(Enumerable.Repeat("{ a ", depth)) + string.Concat(Enumerable.Repeat("}", depth));

    public static string Operations(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"query Q{i} {{ __typename }}"));

    public static string SideBySideFragments(int count) =>
        "{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"...F{i}")) + " } "
        + string.Join(' ', Enumerable.Range(0, count).Select(i => $"fragment F{i} on Query {{ __typename }}"));

    /// <summary>What GraphiQL and graphql-js's <c>getIntrospectionQuery()</c> send, with the whole schema under one alias each.</summary>
    public static string IntrospectionDumps(int count) =>
        "query { " + string.Join(' ', Enumerable.Range(0, count).Select(i =>
            $"s{i}: __schema {{ queryType {{ name }} types {{ ...FullType }} directives {{ name description locations args {{ ...InputValue }} }} }}"))
        + " } " + IntrospectionQueries.Fragments;
}
