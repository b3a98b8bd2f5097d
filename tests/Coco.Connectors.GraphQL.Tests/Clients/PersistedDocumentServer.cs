using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// The real server locked down to trusted documents: a folder with one <c>.graphql</c> file, as an operator would
/// deploy the operations its frontend uses, and <c>OnlyTrusted</c> on.
/// </summary>
public sealed class PersistedDocumentServer : CocoServer
{
    public const string TrustedQuery = "query TrustedConnector { connectorById(id: \"github\") { id name } }";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-trusted", Guid.NewGuid().ToString("N"));

    public PersistedDocumentServer()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "TrustedConnector.graphql"), TrustedQuery);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:PersistedDocuments:TrustedDocumentsPath", _folder);
        builder.UseSetting("GraphQL:PersistedDocuments:OnlyTrusted", "true");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
