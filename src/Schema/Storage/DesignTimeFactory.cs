using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coco.Connectors.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the server. The provider comes after
/// <c>--</c>: <c>dotnet ef migrations add Name -o Storage/Migrations/Postgres -- postgres</c> (SQLite without it).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CocoDbContext>
{
    public CocoDbContext CreateDbContext(string[] args)
    {
        var provider = args.FirstOrDefault() ?? "sqlite";
        var options = new StorageOptions
        {
            Provider = provider,
            ConnectionString = provider == "postgres" ? "Host=localhost;Database=coco_design_time" : "Data Source=design-time.db",
        };
        var builder = new DbContextOptionsBuilder<CocoDbContext>();
        StorageRegistration.Configure(builder, options, null, null);
        return new CocoDbContext(builder.Options);
    }
}
