using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// Compiles Coco's <c>filter</c> mini-syntax into the query model: <c>f:v</c>, <c>f=v</c>, <c>-f:v</c> / <c>!f:v</c>,
/// <c>exists(f)</c>, <c>f:any(a,b)</c>, <c>f&gt;=x</c>, <c>f&gt;x</c>, <c>f&lt;=x</c>, <c>f&lt;x</c>. As in Coco, several
/// plain terms on one field mean "any of them"; everything else is ANDed. Fields use their REST names.
/// </summary>
public static partial class CocoFilterSyntax
{
    public static Expression<Func<Connector, bool>>? Compile(IEnumerable<string> filters)
    {
        var terms = new Dictionary<QueryField, List<Expression<Func<Connector, bool>>>>();
        var others = new List<Expression<Func<Connector, bool>>?>();
        foreach (var raw in TermLimits.Check(filters.Select(f => f.Trim()).Where(f => f.Length > 0).ToList(), "filter", "filter"))
        {
            var (field, predicate, isPlainTerm) = CompileOne(raw);
            if (isPlainTerm)
            {
                if (!terms.TryGetValue(field!, out var list))
                {
                    terms[field!] = list = [];
                }

                list.Add(predicate!);
            }
            else
            {
                others.Add(predicate);
            }
        }

        return Predicates.And(others.Concat(terms.Values.Select(Predicates.Or)));
    }

    private static (QueryField? Field, Expression<Func<Connector, bool>>? Predicate, bool IsPlainTerm) CompileOne(string filter)
    {
        var negated = filter[0] is '-' or '!';
        var body = negated ? filter[1..].TrimStart() : filter;
        if (body.Length == 0)
        {
            throw new QueryException("filter", $"filter '{filter}' negates nothing; write -field:value");
        }

        var exists = Exists().Match(body);
        if (exists.Success)
        {
            var field = Field(exists.Groups["field"].Value, filter);
            var predicate = ExistsPredicate(field);
            return (field, negated ? Predicates.Not(predicate) : predicate, false);
        }

        var match = Comparison().Match(body);
        if (!match.Success)
        {
            if (body.IndexOfAny([':', '=', '<', '>', '(', ')']) >= 0)
            {
                throw new QueryException("filter", $"filter '{filter}' cannot be parsed; use field:value, field=value, -field:value, " +
                    "exists(field), field:any(a,b) or field>=value (also >, <=, <)");
            }

            // Coco treats a filter without an operator as a free-text match.
            return (null, negated ? Predicates.Not(FreeTextSearch.Build(body)!) : FreeTextSearch.Build(body), false);
        }

        var target = Field(match.Groups["field"].Value, filter);
        var op = match.Groups["op"].Value;
        var value = match.Groups["value"].Value;
        if (value.Length == 0)
        {
            throw EmptyValue(filter, target);
        }

        var any = AnyOf().Match(value);
        var compiled = op switch
        {
            ":" when any.Success => AnyPredicate(target, any.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToList(), filter),
            ":" or "=" => TermPredicate(target, value, filter),
            _ => RangePredicate(target, op, value, filter),
        };
        return (target, negated ? Predicates.Not(compiled) : compiled, !negated && (op is ":" or "=") && !any.Success);
    }

    private static QueryField Field(string name, string filter)
    {
        if (QueryFields.IsConfigPath(name))
        {
            throw new QueryException("filter", $"filter '{filter}': config cannot be filtered on, it may hold secrets");
        }

        return QueryFields.FindRest(name) ?? throw new QueryException("filter",
            $"filter '{filter}': unknown field '{name}'; filterable fields are {string.Join(", ", QueryFields.All.Select(f => f.RestName))}");
    }

    private static Expression<Func<Connector, bool>> ExistsPredicate(QueryField field)
    {
        var access = field.Access(Predicates.Connector);
        return Predicates.Lambda(field.Kind switch
        {
            QueryFieldKind.StringList => ValueExpressions.Any(access),
            _ when field.Nullable => ValueExpressions.IsNotNull(access),
            _ => Expression.Constant(true),
        });
    }

    private static Expression<Func<Connector, bool>> TermPredicate(QueryField field, string value, string filter)
    {
        var access = field.Access(Predicates.Connector);
        if (field.Kind == QueryFieldKind.StringList)
        {
            return Predicates.Lambda(ValueExpressions.Any(access, ValueExpressions.Item(access, tag => ValueExpressions.Equal(tag, value))));
        }

        return Predicates.Lambda(ValueExpressions.Equal(access, Typed(field, value, filter)));
    }

    private static Expression<Func<Connector, bool>> AnyPredicate(QueryField field, List<string> values, string filter)
    {
        TermLimits.Check(values, "filter", $"filter '{filter}'");
        if (values.Contains(""))
        {
            throw EmptyValue(filter, field);
        }

        var access = field.Access(Predicates.Connector);
        if (field.Kind == QueryFieldKind.StringList)
        {
            return Predicates.Lambda(ValueExpressions.Any(access, ValueExpressions.Item(access, tag => ValueExpressions.In(tag, values))));
        }

        return Predicates.Lambda(ValueExpressions.In(access, values.Select(v => Typed(field, v, filter))));
    }

    private static Expression<Func<Connector, bool>> RangePredicate(QueryField field, string op, string value, string filter)
    {
        if (field.Kind is not (QueryFieldKind.String or QueryFieldKind.DateTime or QueryFieldKind.Int))
        {
            throw new QueryException("filter", $"filter '{filter}': {field.RestName} cannot be compared with {op}");
        }

        var comparison = op switch
        {
            ">=" => ExpressionType.GreaterThanOrEqual,
            ">" => ExpressionType.GreaterThan,
            "<=" => ExpressionType.LessThanOrEqual,
            _ => ExpressionType.LessThan,
        };
        return Predicates.Lambda(ValueExpressions.Compare(field.Access(Predicates.Connector), comparison, Typed(field, value, filter)!));
    }

    /// <summary>
    /// An empty value is refused for every operator and field (docs/decisions.md): it is almost always a value left out,
    /// and comparing with "" would answer everything for <c>&gt;=</c> and nothing for <c>&lt;</c> without a word.
    /// </summary>
    private static QueryException EmptyValue(string filter, QueryField field) =>
        new("filter", $"filter '{filter}' has an empty value; give one" + (field.Nullable || field.Kind == QueryFieldKind.StringList
            ? $", or test presence with exists({field.RestName}) or -exists({field.RestName})"
            : ""));

    /// <summary>The filter's text as a value of the field's type.</summary>
    private static object? Typed(QueryField field, string value, string filter) => field.Kind switch
    {
        QueryFieldKind.Boolean => bool.TryParse(value, out var b)
            ? b
            : throw new QueryException("filter", $"filter '{filter}': {field.RestName} is true or false, not '{value}'"),
        QueryFieldKind.DateTime => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : throw new QueryException("filter", $"filter '{filter}': {field.RestName} needs a date-time such as 2025-01-15T10:00:00Z, not '{value}'"),
        QueryFieldKind.Int => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new QueryException("filter", $"filter '{filter}': {field.RestName} needs a whole number, not '{value}'"),
        _ => value,
    };

    [GeneratedRegex(@"^exists\((?<field>[A-Za-z0-9_.]+)\)$")]
    private static partial Regex Exists();

    [GeneratedRegex(@"^(?<field>[A-Za-z0-9_.]+)(?<op>>=|<=|:|=|>|<)(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^any\((?<values>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex AnyOf();
}
