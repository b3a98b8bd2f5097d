using System.Data.Common;
using Coco.Connectors.Storage;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.FailingStorage;

/// <summary>
/// The real server with short store waits (busy timeout 1 s, health probe 0.2 s) and a switchable size limit on its
/// SQLite file (<c>PRAGMA max_page_count</c> on every connection it opens), to fill the database on demand without a
/// small filesystem.
/// </summary>
public sealed class StoreFailureServer : CocoServer
{
    // SQLite raises a limit below the file's size to that size: 1 means "no room beyond what is used now".
    private const long NoRoom = 1;
    private const long Unlimited = 1073741823;

    private long _maxPages = Unlimited;

    public void FillToCurrentSize() => Interlocked.Exchange(ref _maxPages, NoRoom);

    public void MakeRoom() => Interlocked.Exchange(ref _maxPages, Unlimited);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:BusyTimeout", "00:00:01");
        builder.UseSetting("Storage:ProbeTimeout", "00:00:00.2");
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.ConfigureDbContext<CocoDbContext>(db => db.AddInterceptors(new PageLimit(this)));

    private sealed class PageLimit(StoreFailureServer server) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var command = ((SqliteConnection)connection).CreateCommand();
            command.CommandText = $"PRAGMA max_page_count = {Interlocked.Read(ref server._maxPages)}";
            command.ExecuteNonQuery();
        }
    }
}
