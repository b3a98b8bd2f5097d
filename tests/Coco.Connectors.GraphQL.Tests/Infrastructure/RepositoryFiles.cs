namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>Files of the repository the tests check against (schema.graphql, the docs).</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding the solution file.</summary>
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Coco.Connectors.GraphQL.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("Repository root not found.");
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
