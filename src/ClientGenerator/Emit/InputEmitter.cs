using Coco.Connectors.ClientGenerator.Model;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>
/// Writes input records. Required fields are <c>required</c>; every other field is an <c>Optional&lt;T&gt;</c>,
/// sent only when set, so "leave unchanged" (unset) and "clear" (set to null) stay apart in a merge patch.
/// </summary>
internal sealed class InputEmitter(TypeSyntax types)
{
    public void Emit(CodeWriter code, InputObjectModel input)
    {
        code.Summary(input.Description);
        code.Line($"public sealed partial record {input.GraphQLName}");
        using (code.Block())
        {
            foreach (var field in input.Fields)
            {
                code.Summary(field.Description);
                code.Line(field.Required
                    ? $"public required {types.CSharp(field.Type)} {field.PropertyName} {{ get; init; }}"
                    : $"public {types.TopLevel("Optional")}<{types.CSharp(field.Type)}> {field.PropertyName} {{ get; init; }}");
                code.Line();
            }

            code.Line("internal void WriteJson(global::System.Text.Json.Utf8JsonWriter writer)");
            using (code.Block())
            {
                code.Line("writer.WriteStartObject();");
                foreach (var field in input.Fields)
                {
                    if (field.Required)
                    {
                        code.Line($"writer.WritePropertyName({CSharpNames.Literal(field.GraphQLName)});");
                        types.Write(code, field.Type, field.PropertyName);
                        continue;
                    }

                    code.Line($"if ({field.PropertyName}.HasValue)");
                    using (code.Block())
                    {
                        code.Line($"writer.WritePropertyName({CSharpNames.Literal(field.GraphQLName)});");
                        types.Write(code, field.Type, field.PropertyName + ".Value");
                    }
                }

                code.Line("writer.WriteEndObject();");
            }
        }
    }
}
