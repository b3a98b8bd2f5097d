using Coco.Connectors.Observability;

namespace Coco.Connectors.UnitTests.Observability;

public sealed class SqlTextTests
{
    [Theory]
    [InlineData("SELECT \"c\".\"Id\" FROM \"Connectors\" AS \"c\" WHERE \"c\".\"Name\" = 'ghp_secret' LIMIT @__p_0",
        "SELECT \"c\".\"Id\" FROM \"Connectors\" AS \"c\" WHERE \"c\".\"Name\" = ? LIMIT @__p_0")]
    [InlineData("SELECT 1 FROM t WHERE a = 'it''s' AND b = 42.5 AND c = -7", "SELECT ? FROM t WHERE a = ? AND b = ? AND c = -?")]
    [InlineData("SELECT * FROM t WHERE x = $1 AND y = $tag$ghp_secret$tag$ AND z = $$raw$$", "SELECT * FROM t WHERE x = $1 AND y = ? AND z = ?")]
    [InlineData("SELECT \"Column1\", t2.c3 FROM t2 WHERE v = X'0A0B'", "SELECT \"Column1\", t2.c3 FROM t2 WHERE v = X?")]
    [InlineData("INSERT INTO t VALUES (@p0, @p1)", "INSERT INTO t VALUES (@p0, @p1)")]
    public void Literals_become_question_marks_and_identifiers_and_parameters_stay(string sql, string expected) =>
        Assert.Equal(expected, SqlText.WithoutLiterals(sql));

    [Theory]
    [InlineData("SELECT 'unterminated ghp_secret")]
    [InlineData("SELECT $tag$unterminated ghp_secret")]
    [InlineData("SELECT \"unterminated")]
    public void An_unterminated_literal_hides_the_rest(string sql) =>
        Assert.DoesNotContain("ghp_secret", SqlText.WithoutLiterals(sql), StringComparison.Ordinal);
}
