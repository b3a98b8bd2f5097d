using System.Collections;
using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>
/// A HotChocolate-style connector filter (<c>ConnectorFilterInput</c>: and/or, field → operation → value) compiled to
/// one <see cref="ConnectorFilter"/>, which queries and live subscriptions share.
/// </summary>
/// <remarks>
/// Semantics follow HotChocolate over LINQ: sibling fields are ANDed; <c>eq: null</c> is IS NULL; string operations are
/// case-sensitive; the negated operations (neq, ncontains, nin, nstartsWith …) are the exact complement, so a null value
/// does not contain anything and is matched by <c>ncontains</c>; contains, startsWith, endsWith, the comparisons and
/// in/nin refuse null (<see cref="QueryErrorCodes.FilterNullNotSupported"/>). A null field filter (<c>{name: null}</c>)
/// filters nothing, as does <c>where: {}</c>.
/// </remarks>
public static class WhereCompiler
{
    /// <summary>How deeply <c>and</c>/<c>or</c> may nest (counting those inside string operations).</summary>
    public const int DefaultMaxDepth = 8;

    /// <summary>
    /// Conditions one filter may hold in all, counting every value of in/nin. Each and/or list is capped by
    /// <see cref="TermLimits.MaxTerms"/>, but nesting multiplies them (64 × 64 = 4,096 conditions took a second of CPU
    /// and then SQLite refused the statement: "Expression tree is too large").
    /// </summary>
    public const int MaxConditions = 256;

    /// <summary>
    /// Compiles a parsed <c>ConnectorFilterInput</c> value: nested dictionaries keyed by GraphQL field names, lists for
    /// and/or/in/nin, and CLR scalars (string, bool, <see cref="DateTime"/> in UTC or <see cref="DateTimeOffset"/>).
    /// </summary>
    /// <exception cref="QueryException">A null where null is not allowed, an unknown field, or nesting deeper than <paramref name="maxDepth"/>.</exception>
    public static ConnectorFilter Compile(IDictionary<string, object?>? where, int maxDepth = DefaultMaxDepth) =>
        where is null ? ConnectorFilter.None : new ConnectorFilter(new Compiler(maxDepth).Entity(where, prefix: "", depth: 0) is { } body ? Predicates.Lambda(body) : null);

    private sealed class Compiler(int maxDepth)
    {
        private const string Argument = "where";
        private int _conditions;

        private void Count(int conditions)
        {
            if ((_conditions += conditions) > MaxConditions)
            {
                throw new QueryException(Argument,
                    $"The `where` filter has more than {MaxConditions} conditions in all (every value of in/nin counts); at most {MaxConditions} are allowed. Use fewer or/and terms.",
                    QueryErrorCodes.TooManyTerms, new Dictionary<string, object?> { ["limit"] = "conditions", ["maxConditions"] = MaxConditions });
            }
        }

        public Expression? Entity(IDictionary<string, object?> input, string prefix, int depth)
        {
            var parts = new List<Expression?>();
            foreach (var (key, value) in input)
            {
                parts.Add(key switch
                {
                    "and" => ValueExpressions.And(Items(value, key, depth).Select(i => Entity(Object(i, key), prefix, depth + 1))),
                    "or" => ValueExpressions.Or(Items(value, key, depth).Select(i => Entity(Object(i, key), prefix, depth + 1))),
                    _ when value is null => null,
                    _ => Field(prefix + key, Object(value, key), depth),
                });
            }

            return ValueExpressions.And(parts);
        }

        private Expression? Field(string name, IDictionary<string, object?> operations, int depth)
        {
            var field = QueryFields.IsConfigPath(name) ? null : QueryFields.FindGraphQL(name);
            if (field is not null)
            {
                var access = field.Access(Predicates.Connector);
                return field.Kind switch
                {
                    QueryFieldKind.String => StringOperations(access, operations, depth),
                    QueryFieldKind.Boolean => ScalarOperations(access, operations, "BooleanOperationFilterInput", "Boolean!"),
                    QueryFieldKind.DateTime => ScalarOperations(access, operations, "DateTimeOperationFilterInput", "DateTime!"),
                    QueryFieldKind.Int => ScalarOperations(access, operations, "IntOperationFilterInput", "Int!"),
                    QueryFieldKind.StringList => ListOperations(access, operations, depth),
                    _ => throw Unknown(name),
                };
            }

            if (!QueryFields.IsConfigPath(name) && QueryFields.FindGroup(name) is not null)
            {
                return Entity(operations, name + ".", depth);
            }

            throw Unknown(name);
        }

        private Expression? StringOperations(Expression access, IDictionary<string, object?> operations, int depth)
        {
            const string type = "StringOperationFilterInput";
            var parts = new List<Expression?>();
            foreach (var (op, value) in operations)
            {
                Count(op is "and" or "or" ? 0 : op is "in" or "nin" && value is IEnumerable list and not string ? Math.Max(1, list.Cast<object?>().Count()) : 1);
                parts.Add(op switch
                {
                    "and" => ValueExpressions.And(Items(value, op, depth).Select(i => StringOperations(access, Object(i, op), depth + 1))),
                    "or" => ValueExpressions.Or(Items(value, op, depth).Select(i => StringOperations(access, Object(i, op), depth + 1))),
                    "eq" => ValueExpressions.Equal(access, value as string),
                    "neq" => ValueExpressions.Not(ValueExpressions.Equal(access, value as string)),
                    "contains" => ValueExpressions.Contains(access, Pattern(value, op, type)),
                    "ncontains" => ValueExpressions.Not(ValueExpressions.Contains(access, Pattern(value, op, type))),
                    "startsWith" => ValueExpressions.StartsWith(access, Pattern(value, op, type)),
                    "nstartsWith" => ValueExpressions.Not(ValueExpressions.StartsWith(access, Pattern(value, op, type))),
                    "endsWith" => ValueExpressions.EndsWith(access, Pattern(value, op, type)),
                    "nendsWith" => ValueExpressions.Not(ValueExpressions.EndsWith(access, Pattern(value, op, type))),
                    "in" => ValueExpressions.In(access, List(value, op, type, "[String]")),
                    "nin" => ValueExpressions.Not(ValueExpressions.In(access, List(value, op, type, "[String]"))),
                    _ => throw Unknown($"{type}.{op}"),
                });
            }

            return ValueExpressions.And(parts);
        }

        /// <summary>Boolean, DateTime and Int operations: eq/neq for all, in/nin and the comparisons for DateTime and Int.</summary>
        private Expression? ScalarOperations(Expression access, IDictionary<string, object?> operations, string type, string expected)
        {
            var isDate = access.Type == typeof(DateTime);
            var ordered = isDate || access.Type == typeof(int);
            var parts = new List<Expression?>();
            foreach (var (op, raw) in operations)
            {
                var value = isDate ? Utc(raw) : raw;
                Count(op is "in" or "nin" && raw is IEnumerable list and not string ? Math.Max(1, list.Cast<object?>().Count()) : 1);
                parts.Add(op switch
                {
                    "eq" => ValueExpressions.Equal(access, value),
                    "neq" => ValueExpressions.Not(ValueExpressions.Equal(access, value)),
                    "in" when isDate => ValueExpressions.In(access, List(raw, op, type, "[DateTime]").Select(Utc)),
                    "nin" when isDate => ValueExpressions.Not(ValueExpressions.In(access, List(raw, op, type, "[DateTime]").Select(Utc))),
                    "in" when ordered => ValueExpressions.In(access, List(raw, op, type, "[Int]")),
                    "nin" when ordered => ValueExpressions.Not(ValueExpressions.In(access, List(raw, op, type, "[Int]"))),
                    "gt" or "ngt" or "gte" or "ngte" or "lt" or "nlt" or "lte" or "nlte" when ordered => Comparison(access, op, NotNull<object>(value, op, type, expected)),
                    _ => throw Unknown($"{type}.{op}"),
                });
            }

            return ValueExpressions.And(parts);
        }

        private static Expression Comparison(Expression access, string op, object value)
        {
            var negated = op.StartsWith('n');
            var comparison = (negated ? op[1..] : op) switch
            {
                "gt" => ExpressionType.GreaterThan,
                "gte" => ExpressionType.GreaterThanOrEqual,
                "lt" => ExpressionType.LessThan,
                _ => ExpressionType.LessThanOrEqual,
            };
            var test = ValueExpressions.Compare(access, comparison, value);
            return negated ? ValueExpressions.Not(test) : test;
        }

        /// <summary>all / none / some take a string filter for each element; any: true/false asks for a non-empty/empty list.</summary>
        private Expression? ListOperations(Expression access, IDictionary<string, object?> operations, int depth)
        {
            var parts = new List<Expression?>();
            foreach (var (op, value) in operations)
            {
                if (value is null)
                {
                    continue;
                }

                Count(1);
                parts.Add(op switch
                {
                    "some" => ValueExpressions.Any(access, Element(access, value, op, depth)),
                    "all" => ValueExpressions.All(access, Element(access, value, op, depth)),
                    "none" => ValueExpressions.Not(ValueExpressions.Any(access, Element(access, value, op, depth))),
                    "any" when value is bool any => any ? ValueExpressions.Any(access) : ValueExpressions.Not(ValueExpressions.Any(access)),
                    _ => throw Unknown($"ListStringOperationFilterInput.{op}"),
                });
            }

            return ValueExpressions.And(parts);
        }

        private LambdaExpression Element(Expression list, object value, string op, int depth) =>
            ValueExpressions.Item(list, tag => StringOperations(tag, Object(value, op), depth) ?? Expression.Constant(true));

        private IEnumerable<object?> Items(object? value, string op, int depth)
        {
            if (depth + 1 > maxDepth)
            {
                throw new QueryException(Argument,
                    $"The `where` filter nests `and`/`or` more than {maxDepth} levels deep; the filter nesting depth limit is {maxDepth}.",
                    QueryErrorCodes.FilterTooDeep, new Dictionary<string, object?> { ["limit"] = "filterNestingDepth", ["maxDepth"] = maxDepth });
            }

            var items = value switch
            {
                null => [],
                IDictionary<string, object?> single => [single],
                IEnumerable list and not string => list.Cast<object?>().ToList(),
                _ => throw Invalid(op),
            };
            return TermLimits.Check(items, Argument, $"`{op}`");
        }

        private static IDictionary<string, object?> Object(object? value, string op) =>
            value as IDictionary<string, object?> ?? throw Invalid(op);

        // in/nin become one SQL IN list: as many values as REST's any() allows.
        private static IReadOnlyList<object?> List(object? value, string op, string type, string expected) => value switch
        {
            null => throw NullNotSupported(op, type, expected),
            IEnumerable list and not string => TermLimits.Check(list.Cast<object?>().ToList(), Argument, $"`{op}`"),
            _ => [value],
        };

        private static string Pattern(object? value, string op, string type) =>
            TermLimits.CheckLength(NotNull<string>(value, op, type, "String!"), Argument, $"the `{op}` value");

        private static T NotNull<T>(object? value, string op, string type, string expected) => value switch
        {
            null => throw NullNotSupported(op, type, expected),
            T typed => typed,
            _ => throw Invalid(op),
        };

        private static object? Utc(object? value) => value switch
        {
            DateTimeOffset offset => offset.UtcDateTime,
            DateTime time => Rfc3339.ToUtc(time),
            _ => value,
        };

        private static QueryException NullNotSupported(string op, string type, string expected) =>
            new(Argument, $"The provided value for filter `{op}` of type {type} is invalid. Null values are not supported.",
                QueryErrorCodes.FilterNullNotSupported, new Dictionary<string, object?> { ["expectedType"] = expected, ["filterType"] = type });

        private static QueryException Unknown(string name) =>
            new(Argument, $"`{name}` cannot be filtered on.", QueryErrorCodes.FilterUnknownField, new Dictionary<string, object?> { ["field"] = name });

        private static QueryException Invalid(string op) =>
            new(Argument, $"The value given for `{op}` has the wrong shape.", QueryException.InvalidQueryCode);
    }
}
