using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.Querying;
using Coco.Connectors.UnitTests.Connectors;

namespace Coco.Connectors.UnitTests.Querying;

/// <summary>
/// The GraphQL <c>where</c> compiler run in memory (<see cref="ConnectorFilter.Matches"/>) over <see cref="Sample"/>:
/// Alpha (a, category web, no description, tags x y, day 1), Beta (b, no category, "desc", no tags, day 2, disabled),
/// Gamma (c, category db, "Gamma rays", tag y, day 3).
/// </summary>
public sealed class ConnectorFilterTests
{
    private static readonly DateTime Day2 = Sample.Day1.AddDays(1);

    [Fact]
    public void No_filter_and_empty_filters_let_everything_through()
    {
        Assert.Same(ConnectorFilter.None, WhereCompiler.Compile(null));
        Assert.Null(ConnectorFilter.None.Predicate);
        Assert.Equal("a,b,c", Sample.Ids(ConnectorFilter.None.Matches));
        Assert.Null(WhereCompiler.Compile(Where()).Predicate);
        Assert.Null(WhereCompiler.Compile(Where(("name", null))).Predicate);
        Assert.Null(WhereCompiler.Compile(Where(("and", null))).Predicate);
        Assert.Null(WhereCompiler.Compile(Where(("or", new List<object?>()))).Predicate);
        Assert.Null(WhereCompiler.Compile(Where(("tags", Where(("some", null))))).Predicate);
        Assert.Equal("a,b,c", Ids(Where(("name", Where()))));
    }

    [Theory]
    [InlineData("eq", "Beta", "b")]
    [InlineData("eq", "beta", "")]
    [InlineData("neq", "Beta", "a,c")]
    [InlineData("contains", "a", "a,b,c")]
    [InlineData("contains", "lph", "a")]
    [InlineData("contains", "A", "a")]
    [InlineData("ncontains", "lph", "b,c")]
    [InlineData("startsWith", "Al", "a")]
    [InlineData("startsWith", "Alpha", "a")]
    [InlineData("startsWith", "Alphas", "")]
    [InlineData("startsWith", "al", "")]
    [InlineData("nstartsWith", "Al", "b,c")]
    [InlineData("endsWith", "ta", "b")]
    [InlineData("endsWith", "Beta", "b")]
    [InlineData("endsWith", "xBeta", "")]
    [InlineData("endsWith", "TA", "")]
    [InlineData("nendsWith", "ta", "a,c")]
    [InlineData("in", "Alpha", "a")]
    public void String_operations_are_case_sensitive(string op, string value, string expected) =>
        Assert.Equal(expected, Ids(Where(("name", Where((op, value))))));

    [Theory]
    [InlineData("eq", null, "b")]
    [InlineData("neq", null, "a,c")]
    [InlineData("eq", "web", "a")]
    [InlineData("neq", "web", "b,c")]
    [InlineData("contains", "e", "a")]
    [InlineData("ncontains", "e", "b,c")]
    [InlineData("nstartsWith", "w", "b,c")]
    [InlineData("nendsWith", "b", "b")]
    public void A_missing_value_equals_null_and_contains_nothing(string op, string? value, string expected) =>
        Assert.Equal(expected, Ids(Where(("category", Where((op, value))))));

    [Fact]
    public void In_and_nin_take_lists_that_may_hold_null()
    {
        Assert.Equal("a,c", Ids(Where(("category", Where(("in", new List<object?> { "web", "db" }))))));
        Assert.Equal("a,b", Ids(Where(("category", Where(("in", new List<object?> { "web", null }))))));
        Assert.Equal("c", Ids(Where(("category", Where(("nin", new List<object?> { "web", null }))))));
        Assert.Equal("b", Ids(Where(("category", Where(("nin", new List<object?> { "web", "db" }))))));
        Assert.Equal("", Ids(Where(("category", Where(("in", new List<object?>()))))));
    }

    [Fact]
    public void Sibling_fields_and_operations_are_ANDed_and_or_lists_ORed()
    {
        Assert.Equal("c", Ids(Where(("name", Where(("startsWith", "G"))), ("category", Where(("eq", "db"))))));
        Assert.Equal("", Ids(Where(("name", Where(("startsWith", "G"))), ("category", Where(("eq", "web"))))));
        Assert.Equal("a", Ids(Where(("name", Where(("contains", "a"), ("startsWith", "A"))))));
        Assert.Equal("a,b", Ids(Where(("or", List(Where(("name", Where(("eq", "Alpha")))), Where(("name", Where(("eq", "Beta")))))))));
        Assert.Equal("a", Ids(Where(("and", List(Where(("name", Where(("contains", "a")))), Where(("category", Where(("eq", "web")))))))));
        Assert.Equal("b", Ids(Where(("and", Where(("category", Where(("eq", null))))))));
        Assert.Equal("a,c", Ids(Where(("name", Where(("or", List(Where(("eq", "Alpha")), Where(("eq", "Gamma")))))))));
        Assert.Equal("a", Ids(Where(("name", Where(("and", List(Where(("contains", "l")), Where(("endsWith", "a")))))))));
        Assert.Equal("a", Ids(Where(("name", Where(("and", Where(("startsWith", "A"))))))));
    }

    [Fact]
    public void Booleans_take_eq_and_neq()
    {
        Assert.Equal("b", Ids(Where(("enabled", Where(("eq", false))))));
        Assert.Equal("a,c", Ids(Where(("enabled", Where(("neq", false))))));
        Assert.Equal("", Ids(Where(("enabled", Where(("eq", null))))));
        Assert.Equal("a,b,c", Ids(Where(("enabled", Where(("neq", null))))));
        Assert.Equal("b", Ids(Where(("builtin", Where(("eq", true))))));
        AssertUnknown(Where(("enabled", Where(("gt", true)))), "BooleanOperationFilterInput.gt");
        AssertUnknown(Where(("enabled", Where(("in", new List<object?> { true })))), "BooleanOperationFilterInput.in");
    }

    [Theory]
    [InlineData("eq", "b")]
    [InlineData("neq", "a,c")]
    [InlineData("gt", "c")]
    [InlineData("gte", "b,c")]
    [InlineData("lt", "a")]
    [InlineData("lte", "a,b")]
    [InlineData("ngt", "a,b")]
    [InlineData("ngte", "a")]
    [InlineData("nlt", "b,c")]
    [InlineData("nlte", "c")]
    [InlineData("in", "b")]
    [InlineData("nin", "a,c")]
    public void Date_times_compare_at_their_boundary(string op, string expected)
    {
        Assert.Equal(expected, Ids(Where(("created", Where((op, Day2))))));
        Assert.Equal(expected, Ids(Where(("created", Where((op, new DateTimeOffset(Day2).ToOffset(TimeSpan.FromHours(5))))))));
        Assert.Equal(expected, Ids(Where(("created", Where((op, DateTime.SpecifyKind(Day2, DateTimeKind.Unspecified)))))));
        Assert.Equal(expected, Ids(Where(("created", Where((op, Day2.ToLocalTime()))))));
    }

    [Fact]
    public void Date_time_lists_are_normalised_to_UTC()
    {
        var list = new List<object?> { new DateTimeOffset(Sample.Day1).ToOffset(TimeSpan.FromHours(-3)), DateTime.SpecifyKind(Day2, DateTimeKind.Unspecified) };
        Assert.Equal("a,b", Ids(Where(("created", Where(("in", list))))));
        Assert.Equal("c", Ids(Where(("created", Where(("nin", list))))));
        Assert.Equal("", Ids(Where(("created", Where(("eq", null))))));
        Assert.Equal("b,c", Ids(Where(("updated", Where(("gt", Sample.Day1))))));
    }

    [Fact]
    public void Nested_fields_are_reached_through_their_parent()
    {
        Assert.Equal("a", Ids(Where(("processor", Where(("name", Where(("eq", "p1"))))))));
        Assert.Equal("c", Ids(Where(("processor", Where(("enabled", Where(("eq", true))))))));
        Assert.Equal("b", Ids(Where(("processor", Where(("name", Where(("eq", null))))))));
        AssertUnknown(Where(("processor", Where(("nope", Where(("eq", 1)))))), "processor.nope");
    }

    [Fact]
    public void Tag_lists_take_some_all_none_and_any()
    {
        Assert.Equal("a,c", Ids(Where(("tags", Where(("some", Where(("eq", "y"))))))));
        Assert.Equal("a", Ids(Where(("tags", Where(("some", Where(("eq", "x"))))))));
        Assert.Equal("b,c", Ids(Where(("tags", Where(("all", Where(("eq", "y"))))))));
        Assert.Equal("b,c", Ids(Where(("tags", Where(("none", Where(("eq", "x"))))))));
        Assert.Equal("a,c", Ids(Where(("tags", Where(("any", true))))));
        Assert.Equal("b", Ids(Where(("tags", Where(("any", false))))));
        Assert.Equal("a,c", Ids(Where(("tags", Where(("some", Where()))))));
        Assert.Equal("c", Ids(Where(("tags", Where(("some", Where(("eq", "y"))), ("none", Where(("eq", "x"))), ("all", Where(("neq", "q"))), ("any", true))))));
        AssertUnknown(Where(("tags", Where(("any", "yes")))), "ListStringOperationFilterInput.any");
        AssertUnknown(Where(("tags", Where(("eq", "x")))), "ListStringOperationFilterInput.eq");
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("config")]
    [InlineData("searchText")]
    public void Unknown_fields_are_refused_by_name(string field) => AssertUnknown(Where((field, Where(("eq", "x")))), field);

    [Fact]
    public void Config_is_never_a_filterable_parent()
    {
        AssertUnknown(Where(("config", Where(("token", Where(("eq", "x")))))), "config");
        AssertUnknown(Where(("Config", Where(("eq", "x")))), "Config");
        AssertUnknown(Where(("name", Where(("like", "x")))), "StringOperationFilterInput.like");
    }

    [Theory]
    [InlineData("contains", "StringOperationFilterInput", "String!")]
    [InlineData("ncontains", "StringOperationFilterInput", "String!")]
    [InlineData("startsWith", "StringOperationFilterInput", "String!")]
    [InlineData("nstartsWith", "StringOperationFilterInput", "String!")]
    [InlineData("endsWith", "StringOperationFilterInput", "String!")]
    [InlineData("nendsWith", "StringOperationFilterInput", "String!")]
    [InlineData("in", "StringOperationFilterInput", "[String]")]
    [InlineData("nin", "StringOperationFilterInput", "[String]")]
    public void Null_is_refused_where_it_means_nothing(string op, string type, string expected) =>
        AssertNullRefused(Where(("name", Where((op, null)))), op, type, expected);

    [Theory]
    [InlineData("gt")]
    [InlineData("ngt")]
    [InlineData("gte")]
    [InlineData("ngte")]
    [InlineData("lt")]
    [InlineData("nlt")]
    [InlineData("lte")]
    [InlineData("nlte")]
    public void Null_date_comparisons_are_refused(string op) =>
        AssertNullRefused(Where(("created", Where((op, null)))), op, "DateTimeOperationFilterInput", "DateTime!");

    [Fact]
    public void Null_date_lists_are_refused()
    {
        AssertNullRefused(Where(("created", Where(("in", null)))), "in", "DateTimeOperationFilterInput", "[DateTime]");
        AssertNullRefused(Where(("created", Where(("nin", null)))), "nin", "DateTimeOperationFilterInput", "[DateTime]");
    }

    [Fact]
    public void Values_of_the_wrong_shape_are_refused()
    {
        AssertInvalid(Where(("name", "Alpha")), "name");
        AssertInvalid(Where(("and", "x")), "and");
        AssertInvalid(Where(("or", List("x"))), "or");
        AssertInvalid(Where(("name", Where(("contains", 5)))), "contains");
        AssertInvalid(Where(("name", Where(("or", 5)))), "or");
        AssertInvalid(Where(("tags", Where(("some", "y")))), "some");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_with_the_limit()
    {
        var within = Nest(3);
        Assert.Equal("a", Ids(within, maxDepth: 3));

        var error = Assert.Throws<QueryException>(() => WhereCompiler.Compile(Nest(4), maxDepth: 3));
        Assert.Equal(QueryErrorCodes.FilterTooDeep, error.Code);
        Assert.Equal("where", error.Parameter);
        Assert.Equal(3, error.Details["maxDepth"]);
        Assert.Equal("filterNestingDepth", error.Details["limit"]);
        Assert.Contains("more than 3 levels", error.Message);

        var inString = Where(("name", Where(("or", List(Where(("or", List(Where(("eq", "Alpha"))))))))));
        Assert.Equal("a", Ids(inString, maxDepth: 2));
        Assert.Equal(QueryErrorCodes.FilterTooDeep, Assert.Throws<QueryException>(() => WhereCompiler.Compile(inString, maxDepth: 1)).Code);
        Assert.Equal(QueryErrorCodes.FilterTooDeep, Assert.Throws<QueryException>(() => WhereCompiler.Compile(Nest(WhereCompiler.DefaultMaxDepth + 1))).Code);
        Assert.Equal("a", Ids(Nest(WhereCompiler.DefaultMaxDepth)));

        Assert.Equal("a", Ids(Nest(3, "or"), maxDepth: 3));
        Assert.Equal(QueryErrorCodes.FilterTooDeep, Assert.Throws<QueryException>(() => WhereCompiler.Compile(Nest(4, "or"), maxDepth: 3)).Code);
        var andInString = Where(("name", Where(("and", List(Where(("and", List(Where(("eq", "Alpha"))))))))));
        Assert.Equal("a", Ids(andInString, maxDepth: 2));
        Assert.Equal(QueryErrorCodes.FilterTooDeep, Assert.Throws<QueryException>(() => WhereCompiler.Compile(andInString, maxDepth: 1)).Code);
    }

    [Theory]
    [InlineData("nam")]
    [InlineData("processo")]
    [InlineData("proc")]
    public void A_prefix_of_a_field_is_not_a_parent(string field) => AssertUnknown(Where((field, Where(("eq", Where(("eq", "x")))))), field);

    [Fact]
    public void Too_many_terms_are_refused()
    {
        var many = Enumerable.Range(0, TermLimits.MaxTerms + 1).Select(i => (object?)$"n{i}").ToList();
        var tooMany = Assert.Throws<QueryException>(() => WhereCompiler.Compile(Where(("name", Where(("in", many))))));
        Assert.Equal(QueryErrorCodes.TooManyTerms, tooMany.Code);
        Assert.StartsWith($"`in` has {TermLimits.MaxTerms + 1} terms", tooMany.Message);
        var ors = Enumerable.Range(0, TermLimits.MaxTerms + 1).Select(_ => (object?)Where(("name", Where(("eq", "Alpha"))))).ToList();
        var tooManyOr = Assert.Throws<QueryException>(() => WhereCompiler.Compile(Where(("or", ors))));
        Assert.Equal(QueryErrorCodes.TooManyTerms, tooManyOr.Code);
        Assert.StartsWith($"`or` has {TermLimits.MaxTerms + 1} terms", tooManyOr.Message);
        Assert.Equal("a", Ids(Where(("or", ors.Take(TermLimits.MaxTerms).ToList()))));
    }

    [Fact]
    public void The_predicate_and_the_in_memory_test_agree()
    {
        var filter = WhereCompiler.Compile(Where(("name", Where(("contains", "a"))), ("category", Where(("neq", null)))));
        Assert.NotNull(filter.Predicate);
        Assert.Equal(Sample.Ids(filter.Predicate.Compile()), Sample.Ids(filter.Matches));
        Assert.Equal("a,c", Sample.Ids(filter.Matches));
    }

    private static Dictionary<string, object?> Nest(int depth, string combinator = "and") =>
        depth == 0 ? Where(("name", Where(("eq", "Alpha")))) : Where((combinator, List(Nest(depth - 1, combinator))));

    private static string Ids(IDictionary<string, object?> where, int maxDepth = WhereCompiler.DefaultMaxDepth) =>
        Sample.Ids(WhereCompiler.Compile(where, maxDepth).Matches);

    private static Dictionary<string, object?> Where(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    private static List<object?> List(params object?[] items) => [.. items];

    private static void AssertUnknown(IDictionary<string, object?> where, string field)
    {
        var error = Assert.Throws<QueryException>(() => WhereCompiler.Compile(where));
        Assert.Equal(QueryErrorCodes.FilterUnknownField, error.Code);
        Assert.Equal("where", error.Parameter);
        Assert.Equal(field, error.Details["field"]);
        Assert.Equal($"`{field}` cannot be filtered on.", error.Message);
    }

    private static void AssertNullRefused(IDictionary<string, object?> where, string op, string type, string expected)
    {
        var error = Assert.Throws<QueryException>(() => WhereCompiler.Compile(where));
        Assert.Equal(QueryErrorCodes.FilterNullNotSupported, error.Code);
        Assert.Equal("where", error.Parameter);
        Assert.Equal(type, error.Details["filterType"]);
        Assert.Equal(expected, error.Details["expectedType"]);
        Assert.Equal($"The provided value for filter `{op}` of type {type} is invalid. Null values are not supported.", error.Message);
    }

    private static void AssertInvalid(IDictionary<string, object?> where, string op)
    {
        var error = Assert.Throws<QueryException>(() => WhereCompiler.Compile(where));
        Assert.Equal(QueryException.InvalidQueryCode, error.Code);
        Assert.Equal("where", error.Parameter);
        Assert.Equal($"The value given for `{op}` has the wrong shape.", error.Message);
    }
}
