using YamlDotNet.RepresentationModel;

namespace Coco.Connectors.Tests.Deployment;

/// <summary>
/// docker-compose.yml and the Dockerfile, checked as files (no Docker engine runs here): PostgreSQL with a volume
/// and a health check, two server replicas of one image configured by environment, health checks on /healthz.
/// </summary>
public sealed class DeploymentFileTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Compose_runs_PostgreSQL_with_a_volume_and_a_health_check()
    {
        var services = Services();
        var postgres = Map(services, "postgres");
        Assert.StartsWith("postgres:15", Scalar(postgres, "image"), StringComparison.Ordinal);
        var environment = Map(postgres, "environment");
        Assert.Equal("coco", Scalar(environment, "POSTGRES_DB"));
        Assert.Equal("coco", Scalar(environment, "POSTGRES_USER"));
        Assert.Contains("POSTGRES_PASSWORD", Scalar(environment, "POSTGRES_PASSWORD"), StringComparison.Ordinal);

        var volume = Assert.Single(Sequence(postgres, "volumes")).ToString();
        Assert.Equal("pgdata:/var/lib/postgresql/data", volume);
        Assert.True(Map(Compose(), "volumes").Children.ContainsKey(new YamlScalarNode("pgdata")), "the pgdata volume is declared");
        Assert.Contains("pg_isready", string.Join(' ', Sequence(Map(postgres, "healthcheck"), "test")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server-1", "9001")]
    [InlineData("server-2", "9002")]
    public void Compose_runs_two_replicas_of_one_image_on_PostgreSQL_with_health_checks(string name, string hostPort)
    {
        var server = Map(Services(), name);
        Assert.Equal(".", Scalar(server, "build"));
        Assert.Equal("coco-connectors-graphql:local", Scalar(server, "image"));

        var environment = Map(server, "environment");
        Assert.Equal("postgres", Scalar(environment, "Storage__Provider"));
        var connection = Scalar(environment, "Storage__ConnectionString");
        Assert.Contains("Host=postgres;", connection, StringComparison.Ordinal);
        Assert.Contains("Database=coco;", connection, StringComparison.Ordinal);
        Assert.Equal("http://+:9000", Scalar(environment, "ASPNETCORE_URLS"));

        Assert.Equal($"{hostPort}:9000", Assert.Single(Sequence(server, "ports")).ToString());
        Assert.Equal("service_healthy", Scalar(Map(Map(server, "depends_on"), "postgres"), "condition"));
        Assert.Contains("http://127.0.0.1:9000/healthz", string.Join(' ', Sequence(Map(server, "healthcheck"), "test")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_ports_are_documented()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.Contains("## Run with PostgreSQL", readme, StringComparison.Ordinal);
        Assert.Contains("http://localhost:9001", readme, StringComparison.Ordinal);
        Assert.Contains("http://localhost:9002", readme, StringComparison.Ordinal);
        Assert.Contains("Storage__Provider=postgres", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Dockerfile_builds_in_stages_runs_as_non_root_and_checks_health()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Select(l => l.Trim()).ToList();
        Assert.True(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "a multi-stage build");
        Assert.Contains(lines, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        var user = Assert.Single(lines, l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        var healthcheck = string.Join(' ', lines.SkipWhile(l => !l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)).Take(2));
        Assert.Contains("/healthz", healthcheck, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 9000", lines);
        Assert.Contains(lines, l => l.StartsWith("ENV ASPNETCORE_URLS=http://+:9000", StringComparison.Ordinal));
    }

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Services() => Map(Compose(), "services");

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        Assert.IsType<YamlSequenceNode>(node.Children[new YamlScalarNode(key)]).Children;

    private static string Scalar(YamlMappingNode node, string key) =>
        Assert.IsType<YamlScalarNode>(node.Children[new YamlScalarNode(key)]).Value!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coco.Connectors.GraphQL.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Coco.Connectors.GraphQL.sln) was not found.");
    }
}
