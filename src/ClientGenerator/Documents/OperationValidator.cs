using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Documents;

/// <summary>The GraphQL specification's validation rules (graphql-dotnet's core set) over all operations at once.</summary>
internal static class OperationValidator
{
    public static void Validate(ISchema schema, OperationDocument document, List<GeneratorDiagnostic> diagnostics)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in Errors(schema, document.Document))
        {
            var diagnostic = Locate(document, error);
            if (seen.Add(diagnostic.ToString()))
            {
                diagnostics.Add(diagnostic);
            }
        }
    }

    /// <summary>The errors of a document; the rules walk it whole (the operation only picks the variable values to coerce, and there are none yet).</summary>
    public static IEnumerable<ExecutionError> Errors(ISchema schema, GraphQLDocument document)
    {
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().FirstOrDefault();
        if (operation is null)
        {
            return [];
        }

        var result = new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Rules = DocumentValidator.CoreRules,
            Operation = operation,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
        }).GetAwaiter().GetResult();
        // Variable values are the app's to give at run time; coercing the absent ones would only report them missing.
        return result.Errors.Where(e => e is not InvalidVariableError);
    }

    private static GeneratorDiagnostic Locate(OperationDocument document, ExecutionError error)
    {
        var message = error.Code is { } code ? $"{error.Message} ({code})" : error.Message;
        if (error is ValidationError validation && validation.Nodes.FirstOrDefault() is { Location.End: > 0 } node)
        {
            return document.DiagnosticAt(node, DiagnosticCodes.Validation, message);
        }

        var location = error.Locations?.FirstOrDefault();
        var offset = location is null ? 0 : document.OffsetOf(location.Value.Line, location.Value.Column);
        return document.DiagnosticAt(offset, DiagnosticCodes.Validation, message);
    }
}
