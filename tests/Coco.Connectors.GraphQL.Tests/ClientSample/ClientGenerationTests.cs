using System.Reflection;
using System.Text.Json;
using Coco.Connectors.Client;
using Coco.Connectors.ClientGenerator;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// The generator: the sample's operations give the promised C# shapes (checked on the compiled types), and an
/// operation that does not validate against the schema is refused with its file, line and reason.
/// </summary>
public sealed class ClientGenerationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coco-client-gen-").FullName;

    [Fact]
    public void Fragment_records_carry_the_schemas_nullability_and_scalar_types()
    {
        var context = new NullabilityInfoContext();
        var type = typeof(ConnectorFields);
        Assert.True(type.IsSealed);
        Assert.NotNull(type.GetMethod("<Clone>$")); // a record

        (string Property, Type Clr, NullabilityState State)[] expected =
        [
            ("Id", typeof(string), NullabilityState.NotNull),
            ("Name", typeof(string), NullabilityState.NotNull),
            ("Description", typeof(string), NullabilityState.Nullable),
            ("Tags", typeof(IReadOnlyList<string>), NullabilityState.NotNull),
            ("Config", typeof(JsonElement?), NullabilityState.Nullable),
            ("Created", typeof(DateTimeOffset), NullabilityState.NotNull),
            ("Version", typeof(int), NullabilityState.NotNull),
            ("Enabled", typeof(bool), NullabilityState.NotNull),
        ];
        foreach (var (name, clr, state) in expected)
        {
            var property = type.GetProperty(name)!;
            Assert.Equal(clr, property.PropertyType);
            Assert.Equal(state, context.Create(property).ReadState);
        }

        // A selection that is exactly the fragment reuses its record everywhere.
        Assert.Equal(typeof(ConnectorFields), typeof(GetConnectorResult).GetProperty("ConnectorById")!.PropertyType);
        Assert.Equal(typeof(ConnectorFields), typeof(WatchConnectorsResult.ConnectorChangedEvent).GetProperty("Connector")!.PropertyType);
    }

    [Fact]
    public void Enums_are_csharp_enums_and_error_unions_are_closed_hierarchies()
    {
        Assert.True(typeof(ConnectorChangeKind).IsEnum);
        Assert.Equal(["Created", "Updated", "Deleted"], Enum.GetNames<ConnectorChangeKind>());
        Assert.Equal(typeof(ConnectorChangeKind), typeof(WatchConnectorsResult.ConnectorChangedEvent).GetProperty("Kind")!.PropertyType);

        var union = typeof(UpdateConnectorResult.UpdateConnectorError);
        Assert.True(union.IsAbstract);
        Assert.All(union.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Where(c => c.GetParameters().Length == 0),
            c => Assert.True(c.IsPrivate));
        var members = union.GetNestedTypes().Where(t => t.IsSubclassOf(union)).Select(t => t.Name).Order();
        Assert.Equal(["ConnectorNotFoundError", "ValidationError", "VersionConflictError"], members);
        Assert.All(union.GetNestedTypes().Where(t => t.IsSubclassOf(union)), t => Assert.True(t.IsSealed));
        Assert.Equal(typeof(string), union.GetProperty("Message")!.PropertyType); // from `... on Error`, common to all

        var conflict = typeof(UpdateConnectorResult.UpdateConnectorError.VersionConflictError);
        Assert.Equal(typeof(int), conflict.GetProperty("ActualVersion")!.PropertyType);
        Assert.NotNull(union.GetMethod("Match"));
    }

    [Fact]
    public void The_client_interface_has_a_method_per_operation()
    {
        var methods = typeof(IConnectorClient).GetMethods().ToDictionary(m => m.Name);
        Assert.Equal(
            ["ConnectorCategoriesAsync", "CreateConnectorAsync", "DeleteConnectorAsync", "GetConnectorAsync", "ListConnectorsAsync", "UpdateConnectorAsync", "WatchConnectorsAsync"],
            methods.Keys.Order());
        Assert.Equal(typeof(Task<GetConnectorResult>), methods["GetConnectorAsync"].ReturnType);
        Assert.Equal(typeof(IAsyncEnumerable<WatchConnectorsResult>), methods["WatchConnectorsAsync"].ReturnType);
        Assert.Equal(["id", "cancellationToken"], methods["GetConnectorAsync"].GetParameters().Select(p => p.Name));
        Assert.All(methods["ListConnectorsAsync"].GetParameters(), p => Assert.True(p.IsOptional)); // every list variable is optional

        // Optional input fields are Optional<T>: unset is left out, null is sent (a merge patch clears the field).
        Assert.Equal(typeof(Optional<string>), typeof(UpdateConnectorInput).GetProperty("Description")!.PropertyType);
        Assert.Equal(typeof(string), typeof(UpdateConnectorInput).GetProperty("Id")!.PropertyType);
    }

    [Fact]
    public void A_misspelled_field_fails_with_the_file_line_column_and_reason_in_msbuild_format()
    {
        var file = Write("Broken.graphql", "query Broken($id: ID!) {\n  connectorById(id: $id) {\n    id\n    nam\n  }\n}\n");

        var (exitCode, output) = Run(file);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{file}(4,5): error COCOGQL002: Cannot query field 'nam' on type 'Connector'. Did you mean 'name'? (FIELDS_ON_CORRECT_TYPE)", output.Trim());
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.g.cs", SearchOption.AllDirectories));
    }

    [Fact]
    public void Syntax_errors_unknown_arguments_and_anonymous_operations_are_each_reported_at_their_place()
    {
        var syntax = Write("Syntax.graphql", "query Syntax {\n  connectors(first: 2 {\n    totalCount\n  }\n}\n");
        var (_, syntaxOutput) = Run(syntax);
        Assert.StartsWith($"{syntax}(2,23): error COCOGQL001: GraphQL syntax error:", syntaxOutput.Trim(), StringComparison.Ordinal);

        var argument = Write("Argument.graphql", "query Argument {\n  connectors(frist: 2) {\n    totalCount\n  }\n}\n");
        var (_, argumentOutput) = Run(argument);
        Assert.StartsWith($"{argument}(2,14): error COCOGQL002: Unknown argument 'frist'", argumentOutput.Trim(), StringComparison.Ordinal);

        var anonymous = Write("Anonymous.graphql", "# no name\n{\n  connectorCategories {\n    count\n  }\n}\n");
        var (exitCode, anonymousOutput) = Run(anonymous);
        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{anonymous}(2,1): error COCOGQL003:", anonymousOutput.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_schema_field_the_operations_use_points_at_the_operation_file()
    {
        var schema = File.ReadAllText(RepositoryFiles.PathOf("schema.graphql"));
        var renamed = schema.Replace("  \"Whether the connector is enabled.\"\n  enabled: Boolean!", "  \"Whether the connector is enabled.\"\n  isEnabled: Boolean!", StringComparison.Ordinal);
        Assert.NotEqual(schema, renamed);
        var schemaFile = Write("schema.graphql", renamed);
        var operations = Directory.GetFiles(RepositoryFiles.PathOf("src", "ClientSample", "Operations"), "*.graphql");

        var (exitCode, output) = Run([.. operations], schemaFile);

        Assert.Equal(1, exitCode);
        var fragment = Path.Combine(RepositoryFiles.PathOf("src", "ClientSample", "Operations"), "ConnectorFields.graphql");
        var line = Array.IndexOf(File.ReadAllLines(fragment), "  enabled") + 1;
        Assert.Contains($"{fragment}({line},3): error COCOGQL002: Cannot query field 'enabled' on type 'Connector'.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_operations_generate_and_the_document_sent_asks_for_typenames_of_unions()
    {
        var (exitCode, output) = Run([.. Directory.GetFiles(RepositoryFiles.PathOf("src", "ClientSample", "Operations"), "*.graphql")]);

        Assert.True(exitCode == 0, output);
        var client = File.ReadAllText(Path.Combine(_folder, "out", "ConnectorClient.g.cs"));
        Assert.Contains("errors { __typename", client, StringComparison.Ordinal);
        Assert.Contains("fragment ConnectorFields on Connector", client, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "UpdateConnectorInput.g.cs")));
    }

    [Fact]
    public void Aliases_interfaces_and_conditional_fields_get_their_own_shapes()
    {
        var file = Write("Shapes.graphql", """
            query Shapes($withTags: Boolean!) {
              first: connectorById(id: "github") { id tags @include(if: $withTags) }
              node(id: "github") { id ... on Connector { name } }
            }
            """);

        var (exitCode, output) = Run(file);

        Assert.True(exitCode == 0, output);
        var code = File.ReadAllText(Path.Combine(_folder, "out", "ShapesResult.g.cs"));
        Assert.Contains("public sealed partial record ShapesResult(global::Test.Client.ShapesResult.Connector? First, global::Test.Client.ShapesResult.NodeData? Node)", code, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record Connector(string Id, global::System.Collections.Generic.IReadOnlyList<string>? Tags)", code, StringComparison.Ordinal); // @include: may be absent
        Assert.Contains("public abstract partial record NodeData", code, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record Connector(string Id, string Name) : global::Test.Client.ShapesResult.NodeData", code, StringComparison.Ordinal);
        var client = File.ReadAllText(Path.Combine(_folder, "out", "ConnectorClient.g.cs"));
        Assert.Contains("ShapesAsync(bool withTags, global::System.Threading.CancellationToken cancellationToken = default)", client, StringComparison.Ordinal);
        Assert.Contains(@"node(id: \""github\"") { __typename id", client, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_operation_fails_the_msbuild_step_with_its_file_and_line()
    {
        // The build's own step (ClientGeneration.targets) on a throwaway project: no restore, no compile.
        var project = Write("Probe.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><RootNamespace>Probe</RootNamespace></PropertyGroup>
              <ItemGroup><GraphQLOperation Include="Bad.graphql" /></ItemGroup>
              <Import Project="{Path.Combine(RepositoryFiles.Root, "src", "ClientGenerator", "ClientGeneration.targets")}" />
            </Project>
            """);
        var operation = Write("Bad.graphql", "query Bad {\n  connectorCategories {\n    category\n    total\n  }\n}\n");
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif

        var (exitCode, output) = await DotnetAsync("msbuild", project, "-t:GenerateGraphQLClient", "-restore:false", "-nologo", "-nodeReuse:false",
            "-v:q", $"-p:Configuration={configuration}");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{operation}(4,5): error COCOGQL002: Cannot query field 'total' on type 'CategoryCount'.", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int ExitCode, string Output)> DotnetAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a hang guard, not a timing assertion
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output + await errors);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (int ExitCode, string Output) Run(string operationFile) => Run([operationFile]);

    private (int ExitCode, string Output) Run(string[] operationFiles, string? schema = null)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        string[] args = ["--schema", schema ?? RepositoryFiles.PathOf("schema.graphql"), "--out", Path.Combine(_folder, "out"), "--namespace", "Test.Client", .. operationFiles];
        var exitCode = GeneratorCommand.Run(args, output, errors);
        return (exitCode, output.ToString() + errors);
    }
}
