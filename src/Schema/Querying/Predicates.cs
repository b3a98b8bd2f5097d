using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// Connector predicates as lambdas over one shared parameter, combined through <see cref="ValueExpressions"/> (the one
/// expression builder), as expression trees the database provider can translate.
/// </summary>
public static class Predicates
{
    public static readonly ParameterExpression Connector = Expression.Parameter(typeof(Connector), "c");

    public static Expression<Func<Connector, bool>> Lambda(Expression body) => Expression.Lambda<Func<Connector, bool>>(body, Connector);

    public static Expression<Func<Connector, bool>>? And(IEnumerable<Expression<Func<Connector, bool>>?> predicates) =>
        Combine(predicates, ValueExpressions.And);

    public static Expression<Func<Connector, bool>>? Or(IEnumerable<Expression<Func<Connector, bool>>?> predicates) =>
        Combine(predicates, ValueExpressions.Or);

    public static Expression<Func<Connector, bool>> Not(Expression<Func<Connector, bool>> predicate) =>
        Lambda(ValueExpressions.Not(Body(predicate)));

    /// <summary>The predicate's body over the shared <see cref="Connector"/> parameter.</summary>
    public static Expression Body(Expression<Func<Connector, bool>> predicate) =>
        predicate.Parameters[0] == Connector ? predicate.Body : new ParameterReplacer(predicate.Parameters[0], Connector).Visit(predicate.Body);

    private static Expression<Func<Connector, bool>>? Combine(
        IEnumerable<Expression<Func<Connector, bool>>?> predicates, Func<IEnumerable<Expression?>, Expression?> join) =>
        join(predicates.Select(p => p is null ? null : Body(p))) is { } body ? Lambda(body) : null;
}
