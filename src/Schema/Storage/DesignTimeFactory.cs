using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coco.Connectors.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CocoDbContext>
{
    public CocoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CocoDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
