using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// A compiled connector filter: the same expression filters in the database (<see cref="Predicate"/>) and tests a
/// single connector in memory (<see cref="Matches"/>), so a live subscription and a query always agree on what matches.
/// </summary>
public sealed class ConnectorFilter
{
    private readonly Lazy<Func<Connector, bool>> _compiled;

    public ConnectorFilter(Expression<Func<Connector, bool>>? predicate)
    {
        Predicate = predicate;
        _compiled = new Lazy<Func<Connector, bool>>(() => predicate?.Compile() ?? (_ => true));
    }

    /// <summary>The filter that lets everything through.</summary>
    public static ConnectorFilter None { get; } = new(null);

    /// <summary>The predicate for <c>IQueryable&lt;Connector&gt;.Where</c>, or null when the filter filters nothing.</summary>
    public Expression<Func<Connector, bool>>? Predicate { get; }

    /// <summary>Whether one connector matches, evaluated in memory with the same expression the database runs.</summary>
    public bool Matches(Connector connector) => _compiled.Value(connector);
}
