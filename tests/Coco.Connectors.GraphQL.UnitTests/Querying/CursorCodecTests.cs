using System.Text;
using Coco.Connectors.Querying;
using Coco.Connectors.UnitTests.Connectors;

namespace Coco.Connectors.UnitTests.Querying;

public sealed class CursorCodecTests
{
    private const string Argument = "after";

    private static readonly IReadOnlyList<SortKey> ByName = [new(QueryFields.Name, false), new(QueryFields.Id, false)];

    private static readonly IReadOnlyList<SortKey> Mixed =
    [
        new(QueryFields.Category, true), new(QueryFields.Enabled, false), new(QueryFields.Created, true), new(QueryFields.Id, false),
    ];

    [Fact]
    public void The_fingerprint_names_each_key_and_direction() =>
        Assert.Equal("category DESC,enabled ASC,created DESC,id ASC", CursorCodec.Fingerprint(Mixed));

    [Fact]
    public void Every_key_type_round_trips_exactly()
    {
        var row = Sample.Make("id-1", "n", category: "web", enabled: false, created: new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567));

        var values = CursorCodec.Decode(CursorCodec.Encode(Mixed, row), Argument, Mixed);

        Assert.Equal<object?>(["web", false, row.Created, "id-1"], values);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)values[2]!).Kind);
    }

    [Fact]
    public void True_and_a_missing_value_round_trip()
    {
        var row = Sample.Make("id-2", "n", category: null, enabled: true);

        Assert.Equal<object?>([null, true, Sample.Day1, "id-2"], CursorCodec.Decode(CursorCodec.Encode(Mixed, row), Argument, Mixed));
    }

    [Fact]
    public void The_cursor_is_base64_of_the_order_and_the_keys() =>
        Assert.Equal("""{"o":"name ASC,id ASC","k":["Alpha","a"]}""",
            Encoding.UTF8.GetString(Convert.FromBase64String(CursorCodec.Encode(ByName, Sample.Alpha))));

    [Fact]
    public void Unpadded_and_URL_safe_cursors_are_read()
    {
        // "?>?~" encodes to base64 with both '+' and '/', and this length needs padding.
        var row = Sample.Make("i", "??>>~~?");
        var cursor = CursorCodec.Encode(ByName, row);
        Assert.Contains('+', cursor);
        Assert.Contains('/', cursor);
        Assert.EndsWith("=", cursor);

        var urlSafe = cursor.TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal<object?>(["??>>~~?", "i"], CursorCodec.Decode(urlSafe, Argument, ByName));
    }

    [Theory]
    [InlineData("YQ")] // one byte, two padding characters missing
    [InlineData("YWI")] // two bytes, one missing
    public void Cursors_short_of_any_padding_are_padded_before_decoding(string prefix)
    {
        // Not JSON, but it must fail as JSON (HC0078), not crash on the padding.
        var error = Assert.Throws<QueryException>(() => CursorCodec.Decode(prefix, Argument, ByName));
        Assert.Equal(QueryErrorCodes.InvalidCursor, error.Code);
    }

    public static TheoryData<string> MalformedCursors => new()
    {
        "",
        "!!!!",
        "a",
        "abcde",
        "%%%",
        Base64("not json"),
        Base64("[]"),
        Base64("\"text\""),
        Base64("{}"),
        Base64("""{"k":["Alpha","a"]}"""),
        Base64("""{"o":"name ASC,id ASC"}"""),
        Base64("""{"o":1,"k":["Alpha","a"]}"""),
        Base64("""{"o":"name ASC,id ASC","k":{"0":"Alpha"}}"""),
        Base64("""{"o":"name ASC,id ASC","k":"Alpha"}"""),
        Base64("""{"o":"name ASC,id ASC","k":[]}"""),
        Base64("""{"o":"name ASC,id ASC","k":["Alpha"]}"""),
        Base64("""{"o":"name ASC,id ASC","k":["Alpha","a","extra"]}"""),
        Base64("""{"o":"name ASC,id ASC","k":[1,"a"]}"""),
        Base64("""{"o":"name ASC,id ASC","k":["Alpha",true]}"""),
        Base64("""{"o":"name ASC,id ASC","k":[null,"a"]}"""),
        Base64("""{"o":"name ASC,id ASC","k":["Alpha",null]}"""),
        Base64("""{"o":"name ASC,id ASC","k":["Alpha","a"]"""),
    };

    [Theory]
    [MemberData(nameof(MalformedCursors))]
    public void A_malformed_cursor_is_HC0078_naming_the_argument_and_the_cursor(string cursor) => AssertMalformed(cursor, ByName);

    public static TheoryData<string> MalformedMixedKeys => new()
    {
        """["web","yes",0,"i"]""", // a string for a boolean
        """["web",1,0,"i"]""", // a number for a boolean
        """["web",null,0,"i"]""", // null for a non-nullable boolean
        """[1,true,0,"i"]""", // a number for a string
        """[true,true,0,"i"]""", // a boolean for a string
        """["web",true,"2025-01-01",0]""", // a string for a date-time
        """["web",true,true,"i"]""", // a boolean for a date-time
        """["web",true,null,"i"]""", // null for a non-nullable date-time
        """["web",true,1.5,"i"]""", // ticks are whole
        """["web",true,-1,"i"]""", // before DateTime.MinValue
        """["web",true,3155378976000000000,"i"]""", // after DateTime.MaxValue
        """["web",true,1e30,"i"]""",
    };

    [Theory]
    [MemberData(nameof(MalformedMixedKeys))]
    public void A_key_of_the_wrong_type_is_HC0078(string keys) =>
        AssertMalformed(Base64($$"""{"o":"{{CursorCodec.Fingerprint(Mixed)}}","k":{{keys}}}"""), Mixed);

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("3155378975999999999", 3155378975999999999L)]
    public void The_extreme_date_times_are_valid_keys(string ticks, long expected)
    {
        var values = CursorCodec.Decode(Base64($$"""{"o":"{{CursorCodec.Fingerprint(Mixed)}}","k":[null,false,{{ticks}},"i"]}"""), Argument, Mixed);

        Assert.Equal(new DateTime(expected, DateTimeKind.Utc), values[2]);
    }

    [Fact]
    public void A_cursor_made_for_another_order_is_refused_with_both_orders()
    {
        var cursor = CursorCodec.Encode(ByName, Sample.Alpha);
        IReadOnlyList<SortKey> descending = [new(QueryFields.Name, true), new(QueryFields.Id, true)];

        var error = Assert.Throws<QueryException>(() => CursorCodec.Decode(cursor, "before", descending));

        Assert.Equal(QueryErrorCodes.CursorOrderMismatch, error.Code);
        Assert.Equal("before", error.Parameter);
        Assert.Equal("before", error.Details["argument"]);
        Assert.Equal("name ASC,id ASC", error.Details["cursorOrder"]);
        Assert.Equal("name DESC,id DESC", error.Details["requestedOrder"]);
        Assert.Contains("`name ASC,id ASC`", error.Message);
        Assert.Contains("`name DESC,id DESC`", error.Message);
        Assert.Contains("`before`", error.Message);
        Assert.EndsWith("Cursors are only valid with the `order` they came from; start again from the first page.", error.Message);
    }

    private static void AssertMalformed(string cursor, IReadOnlyList<SortKey> order)
    {
        var error = Assert.Throws<QueryException>(() => CursorCodec.Decode(cursor, Argument, order));

        Assert.Equal(QueryErrorCodes.InvalidCursor, error.Code);
        Assert.Equal(Argument, error.Parameter);
        Assert.Equal("The cursor specified in `after` has an invalid format.", error.Message);
        Assert.Equal(Argument, error.Details["argument"]);
        Assert.Equal(cursor, error.Details["cursor"]);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
