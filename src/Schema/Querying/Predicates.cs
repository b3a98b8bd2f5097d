using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>Builds and combines connector predicates as expression trees the database provider can translate.</summary>
public static class Predicates
{
    public static readonly ParameterExpression Connector = Expression.Parameter(typeof(Connector), "c");

    public static Expression<Func<Connector, bool>> Lambda(Expression body) => Expression.Lambda<Func<Connector, bool>>(body, Connector);

    public static Expression<Func<Connector, bool>>? And(IEnumerable<Expression<Func<Connector, bool>>?> predicates) =>
        Combine(predicates, Expression.AndAlso);

    public static Expression<Func<Connector, bool>>? Or(IEnumerable<Expression<Func<Connector, bool>>?> predicates) =>
        Combine(predicates, Expression.OrElse);

    public static Expression<Func<Connector, bool>> Not(Expression<Func<Connector, bool>> predicate) =>
        Lambda(Expression.Not(Body(predicate)));

    /// <summary>The predicate's body over the shared <see cref="Connector"/> parameter.</summary>
    public static Expression Body(Expression<Func<Connector, bool>> predicate) =>
        predicate.Parameters[0] == Connector ? predicate.Body : new ParameterReplacer(predicate.Parameters[0], Connector).Visit(predicate.Body);

    private static Expression<Func<Connector, bool>>? Combine(
        IEnumerable<Expression<Func<Connector, bool>>?> predicates, Func<Expression, Expression, BinaryExpression> join)
    {
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            if (predicate is null)
            {
                continue;
            }

            var next = Body(predicate);
            body = body is null ? next : join(body, next);
        }

        return body is null ? null : Lambda(body);
    }
}
