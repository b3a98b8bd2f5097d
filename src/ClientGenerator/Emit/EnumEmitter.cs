using Coco.Connectors.ClientGenerator.Model;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>Writes a schema enum as a C# enum, and its wire names in a serializer class beside it.</summary>
internal sealed class EnumEmitter(TypeSyntax types)
{
    public void Emit(CodeWriter code, EnumModel model)
    {
        code.Summary(model.Description);
        code.Line($"public enum {model.GraphQLName}");
        using (code.Block())
        {
            foreach (var value in model.Values)
            {
                code.Summary(value.Description ?? $"<c>{value.GraphQLName}</c>");
                code.Line($"{value.CSharpName},");
            }
        }

        code.Line();
        code.Line($"/// <summary>The wire names of <see cref=\"{model.GraphQLName}\"/>.</summary>");
        code.Line($"internal static class {model.GraphQLName}Serializer");
        using (code.Block())
        {
            var type = types.TopLevel(model.GraphQLName);
            code.Line($"public static {type} Parse(string value, string path) => value switch");
            using (code.Block("};"))
            {
                foreach (var value in model.Values)
                {
                    code.Line($"{CSharpNames.Literal(value.GraphQLName)} => {type}.{value.CSharpName},");
                }

                code.Line($"_ => throw {types.Json}.UnknownEnumValue(value, path),");
            }

            code.Line();
            code.Line($"public static string Format({type} value) => value switch");
            using (code.Block("};"))
            {
                foreach (var value in model.Values)
                {
                    code.Line($"{type}.{value.CSharpName} => {CSharpNames.Literal(value.GraphQLName)},");
                }

                code.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
            }
        }
    }
}
