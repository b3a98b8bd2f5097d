namespace Coco.Connectors.Tests.ClientSample;

/// <summary>Paths in the repository the client tests read (the schema, the sample's operation files).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Schema => Path.Combine(Root, "schema.graphql");

    public static string Operations => Path.Combine(Root, "src", "ClientSample", "Operations");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Coco.Connectors.GraphQL.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Coco.Connectors.GraphQL.sln) is not above the test binaries.");
    }
}
