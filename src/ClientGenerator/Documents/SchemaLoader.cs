using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Coco.Connectors.ClientGenerator.Documents;

/// <summary>
/// Builds a graphql-dotnet schema from SDL for validation only: nothing executes, so abstract types resolve
/// nothing, subscriptions stream nothing and custom scalars accept any literal (the server judges values).
/// </summary>
internal static class SchemaLoader
{
    public static ISchema? Load(SourceFile file, List<GeneratorDiagnostic> diagnostics)
    {
        GraphQLDocument sdl;
        try
        {
            sdl = Parser.Parse(file.Text);
        }
        catch (GraphQLParserException ex)
        {
            diagnostics.Add(new GeneratorDiagnostic(file.Path, ex.Location.Line, ex.Location.Column, DiagnosticCodes.Schema,
                $"The schema is not valid SDL: {ex.Description}"));
            return null;
        }

        try
        {
            var schema = Schema.For(file.Text, builder => builder.Types.ForAll(type => type.IsTypeOfFunc = static _ => true));
            foreach (var scalar in sdl.Definitions.OfType<GraphQLScalarTypeDefinition>())
            {
                schema.RegisterType(new OpaqueScalarGraphType(scalar.Name.StringValue));
            }

            foreach (var field in schema.Subscription?.Fields ?? [])
            {
                field.StreamResolver = new SourceStreamResolver<object>(static _ => NoEvents.Instance);
            }

            schema.Initialize();
            return schema;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or AggregateException)
        {
            diagnostics.Add(new GeneratorDiagnostic(file.Path, 1, 1, DiagnosticCodes.Schema, $"The schema cannot be built: {ex.Message}"));
            return null;
        }
    }

    private sealed class NoEvents : IObservable<object?>, IDisposable
    {
        public static readonly NoEvents Instance = new();

        public IDisposable Subscribe(IObserver<object?> observer) => this;

        public void Dispose()
        {
        }
    }
}
