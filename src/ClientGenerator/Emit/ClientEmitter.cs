using Coco.Connectors.ClientGenerator.Model;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>Writes the client interface (a method per operation) and its implementation over the two transports.</summary>
internal sealed class ClientEmitter(TypeSyntax types, string clientName)
{
    private const string Token = "global::System.Threading.CancellationToken cancellationToken";

    public void Emit(CodeWriter code, IReadOnlyList<OperationModel> operations)
    {
        code.Line("/// <summary>The GraphQL operations of this app, one method each (generated from its <c>.graphql</c> files).</summary>");
        code.Line($"public partial interface I{clientName}");
        using (code.Block())
        {
            foreach (var operation in operations)
            {
                code.Summary(Describe(operation));
                code.Line($"{ReturnType(operation)} {operation.Name}Async({Parameters(operation)});");
                code.Line();
            }
        }

        code.Line();
        code.Line($"/// <summary>Runs the operations of <see cref=\"I{clientName}\"/>: queries and mutations over HTTP, subscriptions over a WebSocket.</summary>");
        code.Line($"internal sealed partial class {clientName} : {types.TopLevel("I" + clientName)}");
        using (code.Block())
        {
            code.Line($"public {clientName}({types.TopLevel("GraphQLHttpTransport")} http, {types.TopLevel("GraphQLWebSocketTransport")} webSockets)");
            using (code.Block())
            {
                code.Line("Http = http;");
                code.Line("WebSockets = webSockets;");
            }

            code.Line();
            code.Line($"internal {types.TopLevel("GraphQLHttpTransport")} Http {{ get; }}");
            code.Line();
            code.Line($"internal {types.TopLevel("GraphQLWebSocketTransport")} WebSockets {{ get; }}");
            foreach (var operation in operations)
            {
                code.Line();
                EmitMethod(code, operation);
            }
        }
    }

    private void EmitMethod(CodeWriter code, OperationModel operation)
    {
        var result = types.FullName(operation.Result);
        var request = $"new {types.TopLevel("GraphQLOperationRequest")}({CSharpNames.Literal(operation.Name)}, {CSharpNames.Literal(operation.Document)}, {(operation.Variables.Count == 0 ? "null" : "WriteVariables")})";
        if (operation.Kind == OperationKind.Subscription)
        {
            code.Line($"public async {ReturnType(operation)} {operation.Name}Async({Parameters(operation, enumeratorCancellation: true)})");
            using (code.Block())
            {
                code.Line($"await foreach (var data in WebSockets.SubscribeAsync({request}, cancellationToken).ConfigureAwait(false))");
                using (code.Block())
                {
                    code.Line($"yield return {result}.FromJson(data);");
                }

                EmitVariablesWriter(code, operation);
            }

            return;
        }

        code.Line($"public async {ReturnType(operation)} {operation.Name}Async({Parameters(operation)})");
        using (code.Block())
        {
            code.Line($"var data = await Http.ExecuteAsync({request}, cancellationToken).ConfigureAwait(false);");
            code.Line($"return {result}.FromJson(data);");
            EmitVariablesWriter(code, operation);
        }
    }

    private void EmitVariablesWriter(CodeWriter code, OperationModel operation)
    {
        if (operation.Variables.Count == 0)
        {
            return;
        }

        code.Line();
        code.Line("void WriteVariables(global::System.Text.Json.Utf8JsonWriter writer)");
        using (code.Block())
        {
            foreach (var variable in operation.Variables)
            {
                if (variable.Required)
                {
                    code.Line($"writer.WritePropertyName({CSharpNames.Literal(variable.GraphQLName)});");
                    types.Write(code, variable.Type, variable.ParameterName);
                    continue;
                }

                // An optional variable left null is not sent, so the schema's default applies.
                code.Line($"if ({variable.ParameterName} is not null)");
                using (code.Block())
                {
                    code.Line($"writer.WritePropertyName({CSharpNames.Literal(variable.GraphQLName)});");
                    types.Write(code, variable.Type with { Nullable = true }, variable.ParameterName);
                }
            }
        }
    }

    private string ReturnType(OperationModel operation) => operation.Kind == OperationKind.Subscription
        ? $"global::System.Collections.Generic.IAsyncEnumerable<{types.FullName(operation.Result)}>"
        : $"global::System.Threading.Tasks.Task<{types.FullName(operation.Result)}>";

    private string Parameters(OperationModel operation, bool enumeratorCancellation = false)
    {
        var required = operation.Variables.Where(v => v.Required).Select(v => $"{types.CSharp(v.Type)} {v.ParameterName}");
        var optional = operation.Variables.Where(v => !v.Required).Select(v => $"{types.CSharp(v.Type with { Nullable = true })} {v.ParameterName} = null");
        var token = (enumeratorCancellation ? "[global::System.Runtime.CompilerServices.EnumeratorCancellation] " : "") + Token + " = default";
        return string.Join(", ", required.Concat(optional).Append(token));
    }

    private static string Describe(OperationModel operation) =>
        $"Runs the {operation.Kind.ToString().ToLowerInvariant()} {operation.Name} from {Path.GetFileName(operation.SourcePath)}"
        + (operation.Kind == OperationKind.Subscription
            ? ": one result per event until cancelled or the server completes it; reconnects and resubscribes when the connection drops."
            : ".");
}
