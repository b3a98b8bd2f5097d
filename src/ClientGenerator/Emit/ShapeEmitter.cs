using Coco.Connectors.ClientGenerator.Model;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>
/// Writes result records: a sealed positional record per object selection, and for an interface or union an
/// abstract record with a private constructor whose nested sealed records are its only members, with an
/// exhaustive <c>Match</c>.
/// </summary>
internal sealed class ShapeEmitter(TypeSyntax types)
{
    public void Emit(CodeWriter code, ShapeModel shape)
    {
        switch (shape)
        {
            case ObjectShape obj:
                EmitObject(code, obj);
                break;
            case AbstractShape abs:
                EmitAbstract(code, abs);
                break;
        }
    }

    private void EmitObject(CodeWriter code, ObjectShape shape)
    {
        code.Summary(shape.Description ?? $"The selection on {shape.GraphQLType}.");
        foreach (var field in shape.Fields.Where(f => !string.IsNullOrWhiteSpace(f.Description)))
        {
            code.Line($"/// <param name=\"{field.PropertyName}\">{CSharpNames.Xml(field.Description!.Trim().ReplaceLineEndings(" "))}</param>");
        }

        var parameters = string.Join(", ", shape.Fields.Select(f => $"{types.CSharp(f.Type)} {f.PropertyName}"));
        var inherits = shape.Base is null ? "" : " : " + types.FullName(shape.Base);
        code.Line($"public sealed partial record {shape.Name}({parameters}){inherits}");
        using (code.Block())
        {
            foreach (var nested in shape.Nested)
            {
                Emit(code, nested);
                code.Line();
            }

            var hides = shape.Base is null ? "" : "new ";
            code.Line($"internal static {hides}{types.FullName(shape)} FromJson(global::System.Text.Json.JsonElement json)");
            using (code.Block())
            {
                for (var i = 0; i < shape.Fields.Count; i++)
                {
                    var field = shape.Fields[i];
                    code.Line($"var field{i} = {types.Json}.Field(json, {CSharpNames.Literal(field.ResponseName)}, {Path(shape, field)});");
                }

                var arguments = shape.Fields.Select((f, i) => types.Read(f.Type, "field" + i, Path(shape, f)));
                code.Line($"return new {types.FullName(shape)}({string.Join(", ", arguments)});");
            }
        }
    }

    private void EmitAbstract(CodeWriter code, AbstractShape shape)
    {
        code.Summary((shape.Description is { } description ? description + "\n" : "")
            + $"One of the types a {shape.GraphQLType} can be. No other subtypes exist (the constructor is private): a switch over the nested records, or Match, covers every case.");
        code.Line($"public abstract partial record {shape.Name}");
        using (code.Block())
        {
            code.Line($"private {shape.Name}()");
            using (code.Block())
            {
            }

            foreach (var field in shape.CommonFields)
            {
                code.Line();
                code.Summary(field.Description);
                code.Line($"public abstract {types.CSharp(field.Type)} {field.PropertyName} {{ get; init; }}");
            }

            foreach (var nested in shape.Nested)
            {
                code.Line();
                Emit(code, nested);
            }

            code.Line();
            EmitMatch(code, shape);
            code.Line();
            code.Line($"internal static {types.FullName(shape)} FromJson(global::System.Text.Json.JsonElement json) =>");
            code.Indent();
            code.Line($"{types.Json}.Typename(json, {CSharpNames.Literal(shape.GraphQLType)}) switch");
            using (code.Block("};"))
            {
                foreach (var member in shape.Members)
                {
                    code.Line($"{CSharpNames.Literal(member.GraphQLType)} => {types.FullName(member)}.FromJson(json),");
                }

                code.Line($"var other => throw {types.Json}.UnknownType(other, {CSharpNames.Literal(shape.GraphQLType)}),");
            }

            code.Outdent();
        }
    }

    private void EmitMatch(CodeWriter code, AbstractShape shape)
    {
        code.Line("/// <summary>Calls the function for this value's type: the compiler checks that every type is handled.</summary>");
        var parameters = shape.Members.Select(m => $"global::System.Func<{types.FullName(m)}, TResult> {CSharpNames.Camel(m.Name)}");
        code.Line($"public TResult Match<TResult>({string.Join(", ", parameters)}) => this switch");
        using (code.Block("};"))
        {
            foreach (var member in shape.Members)
            {
                code.Line($"{types.FullName(member)} value => {CSharpNames.Camel(member.Name)}(value),");
            }

            code.Line("_ => throw new global::System.Diagnostics.UnreachableException(),");
        }
    }

    private static string Path(ObjectShape shape, FieldModel field) => CSharpNames.Literal(shape.GraphQLType + "." + field.ResponseName);
}
