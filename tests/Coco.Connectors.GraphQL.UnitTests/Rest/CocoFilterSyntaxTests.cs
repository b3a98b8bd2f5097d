using Coco.Connectors.Querying;
using Coco.Connectors.Server.Rest;
using Coco.Connectors.UnitTests.Connectors;

namespace Coco.Connectors.UnitTests.Rest;

/// <summary>
/// REST's <c>filter</c> syntax run in memory over <see cref="Sample"/>: Alpha (a, category web, tags x y, day 1,
/// enabled), Beta (b, no category, no tags, day 2, disabled, builtin), Gamma (c, category db, tag y, day 3, enabled).
/// </summary>
public sealed class CocoFilterSyntaxTests
{
    [Theory]
    [InlineData("name>Beta", "c")]
    [InlineData("name>=Beta", "b,c")]
    [InlineData("name<=Beta", "a,b")]
    [InlineData("name<Beta", "a")]
    [InlineData("name>Alpha", "b,c")]
    [InlineData("name<=Alpha", "a")]
    [InlineData("name<Alpha", "")]
    [InlineData("name>=Gamma", "c")]
    [InlineData("category>d", "c,a")]
    [InlineData("category<=db", "c")]
    [InlineData("category<db", "")]
    public void String_comparisons_include_their_boundary_only_with_equals_and_skip_missing_values(string filter, string expected) =>
        Assert.Equal(Sorted(expected), Sorted(Ids(filter)));

    [Theory]
    [InlineData("created>2025-01-02T00:00:00Z", "c")]
    [InlineData("created>=2025-01-02T00:00:00Z", "b,c")]
    [InlineData("created<=2025-01-02T00:00:00Z", "a,b")]
    [InlineData("created<2025-01-02T00:00:00Z", "a")]
    [InlineData("created>=2025-01-02T00:00:00", "b,c")] // no offset: UTC
    [InlineData("created>=2025-01-02T01:00:00+01:00", "b,c")]
    [InlineData("created<=2025-01-01T23:59:59.9999999Z", "a")]
    [InlineData("updated>2025-01-01T00:00:00Z", "b,c")]
    public void Date_comparisons_include_their_boundary_only_with_equals(string filter, string expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("exists(category)", "a,c")]
    [InlineData("-exists(category)", "b")]
    [InlineData("!exists(category)", "b")]
    [InlineData("exists(description)", "b,c")]
    [InlineData("exists(processor.name)", "a,c")]
    [InlineData("exists(tags)", "a,c")]
    [InlineData("-exists(tags)", "b")]
    [InlineData("exists(name)", "a,b,c")]
    [InlineData("exists(enabled)", "a,b,c")]
    [InlineData("-exists(created)", "")]
    public void Exists_asks_for_a_value_or_a_non_empty_list(string filter, string expected) => Assert.Equal(expected, Ids(filter));

    [Fact]
    public void Exists_beside_other_terms_is_ANDed_with_them()
    {
        Assert.Equal("a", Ids("exists(category)", "enabled:true", "tags:x"));
        Assert.Equal("c", Ids("exists(category)", "-category:web"));
        Assert.Equal("", Ids("exists(category)", "builtin:true"));
        Assert.Equal("a", Ids("exists(category)", "category:web")); // not ORed with the plain term on its field
    }

    [Theory]
    [InlineData("alpha", "a")]
    [InlineData("ALPHA", "a")]
    [InlineData("gamma rays", "c")]
    [InlineData("y", "a,c")]
    [InlineData("-alpha", "b,c")]
    [InlineData("!alpha", "b,c")]
    [InlineData("- alpha", "b,c")]
    [InlineData("-y", "b")]
    [InlineData("  p1  ", "a")]
    public void A_term_without_an_operator_is_free_text_and_negates(string filter, string expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("category:")]
    [InlineData("category=")]
    [InlineData("-category:")]
    [InlineData("name:")]
    [InlineData("tags:")]
    [InlineData("name>=")]
    [InlineData("name>")]
    [InlineData("category<=")]
    [InlineData("category<")]
    [InlineData("created>")]
    [InlineData("enabled=")]
    [InlineData("category:any()")]
    [InlineData("tags:any(x, )")]
    public void An_empty_value_is_refused_for_every_operator(string filter) => AssertRefused(filter, "has an empty value");

    [Fact]
    public void Blank_filters_filter_nothing()
    {
        Assert.Null(CocoFilterSyntax.Compile([]));
        Assert.Null(CocoFilterSyntax.Compile(["", "   ", "\t"]));
        Assert.Equal("a", Ids(" ", "name:Alpha ", "  "));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("!")]
    [InlineData("- ")]
    public void A_bare_negation_is_refused(string filter) => AssertRefused(filter, "negates nothing");

    [Fact]
    public void Repeated_plain_terms_on_one_field_are_ORed_and_ANDed_with_the_rest()
    {
        Assert.Equal("a,c", Ids("category=web", "category=db"));
        Assert.Equal("a,c", Ids("category:web", "category=db"));
        Assert.Equal("a", Ids("category=web", "category=db", "name:Alpha"));
        Assert.Equal("a,b", Ids("name=Alpha", "name:Beta", "name:Nobody"));
        Assert.Equal("b", Ids("name=Alpha", "name:Beta", "enabled:false"));
        Assert.Equal("a,c", Ids("tags:x", "tags:y"));
        Assert.Equal("c", Ids("tags:x", "tags:y", "category=db"));
    }

    [Fact]
    public void Negated_and_any_terms_are_not_ORed_with_plain_terms_on_their_field()
    {
        Assert.Equal("b", Ids("-category:web", "-category:db"));
        Assert.Equal("", Ids("category:web", "-category:web"));
        Assert.Equal("a", Ids("category:any(web,db)", "category:web"));
        Assert.Equal("c", Ids("name:any(Alpha,Gamma)", "name>Beta"));
    }

    [Theory]
    [InlineData("name:Alpha", "a")]
    [InlineData("name=Alpha", "a")]
    [InlineData("name:alpha", "")]
    [InlineData("-name:Alpha", "b,c")]
    [InlineData("!name=Alpha", "b,c")]
    [InlineData("id:b", "b")]
    [InlineData("tags:y", "a,c")]
    [InlineData("tags=x", "a")]
    [InlineData("-tags:y", "b")]
    [InlineData("enabled:true", "a,c")]
    [InlineData("enabled=False", "b")]
    [InlineData("builtin:true", "b")]
    [InlineData("processor.enabled:true", "c")]
    [InlineData("processor.name:p1", "a")]
    [InlineData("path_hierarchy:false", "a,b,c")]
    [InlineData("created:2025-01-02T00:00:00Z", "b")]
    [InlineData("name:a:b", "")]
    [InlineData("name:any(Alpha, Gamma )", "a,c")]
    [InlineData("name:any(Alpha)", "a")]
    [InlineData("-name:any(Alpha,Gamma)", "b")]
    [InlineData("tags:any(x,z)", "a")]
    [InlineData("tags:any(z)", "")]
    [InlineData("enabled:any(false)", "b")]
    [InlineData("created:any(2025-01-01T00:00:00Z,2025-01-03T00:00:00Z)", "a,c")]
    public void Terms_compare_whole_values_of_the_field_type(string filter, string expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("unknown:x", "unknown field 'unknown'")]
    [InlineData("exists(unknown)", "unknown field 'unknown'")]
    [InlineData("config:x", "config cannot be filtered on")]
    [InlineData("config.api_key:x", "config cannot be filtered on")]
    [InlineData("exists(config.token)", "config cannot be filtered on")]
    [InlineData("Config.token>a", "config cannot be filtered on")]
    [InlineData("enabled>true", "enabled cannot be compared with >")]
    [InlineData("tags<=x", "tags cannot be compared with <=")]
    [InlineData("enabled:maybe", "enabled is true or false, not 'maybe'")]
    [InlineData("enabled:any(true,maybe)", "enabled is true or false, not 'maybe'")]
    [InlineData("created>soon", "created needs a date-time")]
    [InlineData("created:soon", "created needs a date-time")]
    [InlineData("name(x)", "cannot be parsed")]
    [InlineData("exists(name", "cannot be parsed")]
    [InlineData("na me:x", "cannot be parsed")]
    [InlineData(":x", "cannot be parsed")]
    [InlineData("<x", "cannot be parsed")]
    [InlineData("a)", "cannot be parsed")]
    [InlineData("x=", "unknown field 'x'")]
    public void Bad_filters_are_refused_with_their_reason(string filter, string reason) => AssertRefused(filter, reason);

    [Fact]
    public void An_unparsable_filter_is_told_the_forms_there_are() =>
        AssertRefused("a(b", "use field:value, field=value, -field:value, exists(field), field:any(a,b) or field>=value (also >, <=, <)");

    [Fact]
    public void Unknown_fields_are_listed_with_the_filterable_ones() =>
        AssertRefused("nope:1", "filterable fields are id, name, description, category, icon, url, tags, path_hierarchy");

    [Fact]
    public void Too_many_filters_or_any_values_are_refused()
    {
        var error = Assert.Throws<QueryException>(() => CocoFilterSyntax.Compile(Enumerable.Repeat("name:x", TermLimits.MaxTerms + 1)));
        Assert.Equal(QueryErrorCodes.TooManyTerms, error.Code);
        Assert.Equal("filter", error.Parameter);
        Assert.StartsWith($"filter has {TermLimits.MaxTerms + 1} terms", error.Message);
        Assert.NotNull(CocoFilterSyntax.Compile(Enumerable.Repeat("name:x", TermLimits.MaxTerms).Append(" ")));

        var values = string.Join(",", Enumerable.Range(0, TermLimits.MaxTerms + 1));
        var anyError = Assert.Throws<QueryException>(() => CocoFilterSyntax.Compile([$"name:any({values})"]));
        Assert.Equal(QueryErrorCodes.TooManyTerms, anyError.Code);
        Assert.Equal("filter", anyError.Parameter);
        Assert.StartsWith($"filter 'name:any({values})' has {TermLimits.MaxTerms + 1} terms", anyError.Message);
    }

    private static string Ids(params string[] filters)
    {
        var predicate = CocoFilterSyntax.Compile(filters);
        Assert.NotNull(predicate);
        return Sample.Ids(predicate.Compile());
    }

    private static string Sorted(string ids) => string.Join(",", ids.Split(',').Order());

    private static void AssertRefused(string filter, string reason)
    {
        var error = Assert.Throws<QueryException>(() => CocoFilterSyntax.Compile([filter]));
        Assert.Equal("filter", error.Parameter);
        Assert.Equal(QueryException.InvalidQueryCode, error.Code);
        Assert.Contains(reason, error.Message);
        Assert.Contains($"'{filter.Trim()}'", error.Message);
    }
}
