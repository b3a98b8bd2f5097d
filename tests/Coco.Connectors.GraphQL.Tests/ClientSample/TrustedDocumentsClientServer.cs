using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// The real server locked down to trusted documents (<c>OnlyTrusted</c>), trusting exactly the manifest the client
/// generator wrote for the sample client (copied beside the test assembly by ClientGeneration.targets).
/// </summary>
public sealed class TrustedDocumentsClientServer : CocoServer
{
    public static string Manifest => Path.Combine(AppContext.BaseDirectory, "ConnectorClient.persisted-documents.json");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:PersistedDocuments:TrustedDocumentsPath", Manifest);
        builder.UseSetting("GraphQL:PersistedDocuments:OnlyTrusted", "true");
    }
}
