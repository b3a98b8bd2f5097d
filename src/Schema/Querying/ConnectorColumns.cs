using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// Which columns a read loads. A connector's <c>config</c> (up to 256 KB) and asset icons (up to 256 links) are most of
/// a large row, so a list that does not show them reads rows without them: thirty aliased pages of fifty ids must not
/// read fifty whole configs each. Rows read without them carry no config and no icons; only a caller that does not
/// show those may ask for them. The projection applies last (after filter, order and paging), which still see every column.
/// </summary>
public sealed class ConnectorColumns
{
    private readonly Expression<Func<Connector, Connector>>? _projection;

    private ConnectorColumns(Expression<Func<Connector, Connector>>? projection) => _projection = projection;

    /// <summary>Whole rows.</summary>
    public static ConnectorColumns All { get; } = new(null);

    /// <summary>Every column but the config, the asset icons and the write path's own (search text, link with password).</summary>
    public static ConnectorColumns WithoutLargeValues { get; } = new(EveryPropertyBut(
        nameof(Connector.Config), nameof(Connector.AssetIcons), nameof(Connector.SearchText), nameof(Connector.UrlWithPassword)));

    /// <summary>Whole rows when the config or the asset icons are wanted, rows without them otherwise.</summary>
    public static ConnectorColumns For(bool configOrAssets) => configOrAssets ? All : WithoutLargeValues;

    public IQueryable<Connector> Select(IQueryable<Connector> rows) => _projection is null ? rows : rows.Select(_projection);

    // Built from the entity's properties, so a field added to Connector is loaded without being listed here too.
    private static Expression<Func<Connector, Connector>> EveryPropertyBut(params string[] left)
    {
        var row = Expression.Parameter(typeof(Connector), "c");
        var bindings = typeof(Connector).GetProperties()
            .Where(p => p.CanWrite && !left.Contains(p.Name))
            .Select(p => Expression.Bind(p, Expression.Property(row, p)));
        return Expression.Lambda<Func<Connector, Connector>>(Expression.MemberInit(Expression.New(typeof(Connector)), bindings), row);
    }
}
