using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Audit;

/// <summary>The real server with a token that writes (<see cref="Writer"/>) and one that may only read the audit log (<see cref="Auditor"/>).</summary>
public sealed class AuditServer : CocoServer
{
    public const string Writer = "coco_audit-tests-writer";
    public const string Auditor = "coco_audit-tests-auditor";
    public const string WriterName = "writer";
    public const int MaxPageSize = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"Auth:Tokens:{WriterName}:Hash", HashOf(Writer));
        builder.UseSetting($"Auth:Tokens:{WriterName}:Permissions", "coco#connector/create,coco#connector/read,coco#connector/update,coco#connector/delete");
        builder.UseSetting("Auth:Tokens:auditor:Hash", HashOf(Auditor));
        builder.UseSetting("Auth:Tokens:auditor:Permissions", "coco#connector/audit");
        builder.UseSetting("Audit:DefaultPageSize", "3");
        builder.UseSetting("Audit:MaxPageSize", $"{MaxPageSize}");
    }
}
