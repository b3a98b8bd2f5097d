using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Tests;

/// <summary>Request URLs (GET variables, search text) and SQL must not reach the log at the default level.</summary>
public sealed class LoggingTests(CocoServer server) : IClassFixture<CocoServer>
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command")]
    public void Request_and_sql_logging_is_off_by_default(string category)
    {
        var logger = server.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.Equal("Warning", server.Services.GetRequiredService<IConfiguration>()["Logging:LogLevel:Microsoft.AspNetCore"]);
    }
}
