using Coco.Connectors.ClientGenerator.Model;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>C# type names for the model's types, and the code that reads and writes their JSON.</summary>
internal sealed class TypeSyntax(string ns)
{
    /// <summary>The runtime helpers the generated code calls (hand-written, in the same namespace).</summary>
    public string Json => $"global::{ns}.GraphQLJson";

    public string Namespace => ns;

    public string TopLevel(string name) => $"global::{ns}.{name}";

    public string FullName(ShapeModel shape) =>
        shape.DeclaringShape is { } outer ? FullName(outer) + "." + shape.Name : TopLevel(shape.Name);

    public string Serializer(EnumModel model) => TopLevel(model.GraphQLName + "Serializer");

    public string CSharp(TypeRef type)
    {
        var name = type switch
        {
            ScalarRef scalar => scalar.Kind switch
            {
                ScalarKind.String or ScalarKind.Id => "string",
                ScalarKind.Int => "int",
                ScalarKind.Float => "double",
                ScalarKind.Boolean => "bool",
                ScalarKind.DateTime => "global::System.DateTimeOffset",
                _ => "global::System.Text.Json.JsonElement",
            },
            EnumRef e => TopLevel(e.Enum.GraphQLName),
            ListRef list => $"global::System.Collections.Generic.IReadOnlyList<{CSharp(list.Item)}>",
            ShapeRef shape => FullName(shape.Shape),
            InputObjectRef input => TopLevel(input.Input.GraphQLName),
            _ => throw new InvalidOperationException(type.ToString()),
        };
        return type.Nullable ? name + "?" : name;
    }

    /// <summary>An expression reading <paramref name="element"/> (a JsonElement expression) as <paramref name="type"/>.</summary>
    public string Read(TypeRef type, string element, string path, int depth = 0)
    {
        var value = type switch
        {
            ScalarRef scalar => $"{Json}.{ReaderName(scalar.Kind)}({element}, {path})",
            EnumRef e => $"{Serializer(e.Enum)}.Parse({Json}.String({element}, {path}), {path})",
            ListRef list =>
                $"{Json}.List<{CSharp(list.Item)}>({element}, {path}, static item{depth} => {Read(list.Item, "item" + depth, path, depth + 1)})",
            ShapeRef shape => $"{FullName(shape.Shape)}.FromJson({element})",
            _ => throw new InvalidOperationException(type.ToString()),
        };
        return type.Nullable ? $"{Json}.IsNull({element}) ? default({CSharp(type)}) : {value}" : value;
    }

    /// <summary>Statements writing <paramref name="value"/> (of <paramref name="type"/>) with the Utf8JsonWriter <c>writer</c>.</summary>
    public void Write(CodeWriter code, TypeRef type, string value, int depth = 0)
    {
        if (type.Nullable)
        {
            var inner = "value" + depth;
            code.Line($"if ({value} is {{ }} {inner})");
            using (code.Block())
            {
                Write(code, type with { Nullable = false }, inner, depth + 1);
            }

            code.Line("else");
            using (code.Block())
            {
                code.Line("writer.WriteNullValue();");
            }

            return;
        }

        switch (type)
        {
            case ScalarRef { Kind: ScalarKind.String or ScalarKind.Id }:
                code.Line($"writer.WriteStringValue({value});");
                break;
            case ScalarRef { Kind: ScalarKind.Int or ScalarKind.Float }:
                code.Line($"writer.WriteNumberValue({value});");
                break;
            case ScalarRef { Kind: ScalarKind.Boolean }:
                code.Line($"writer.WriteBooleanValue({value});");
                break;
            case ScalarRef { Kind: ScalarKind.DateTime }:
                code.Line($"{Json}.WriteDateTime(writer, {value});");
                break;
            case ScalarRef:
                code.Line($"{value}.WriteTo(writer);");
                break;
            case EnumRef e:
                code.Line($"writer.WriteStringValue({Serializer(e.Enum)}.Format({value}));");
                break;
            case InputObjectRef:
                code.Line($"{value}.WriteJson(writer);");
                break;
            case ListRef list:
                code.Line("writer.WriteStartArray();");
                code.Line($"foreach (var item{depth} in {value})");
                using (code.Block())
                {
                    Write(code, list.Item, "item" + depth, depth + 1);
                }

                code.Line("writer.WriteEndArray();");
                break;
            default:
                throw new InvalidOperationException(type.ToString());
        }
    }

    private static string ReaderName(ScalarKind kind) => kind switch
    {
        ScalarKind.String or ScalarKind.Id => "String",
        ScalarKind.Int => "Int",
        ScalarKind.Float => "Float",
        ScalarKind.Boolean => "Boolean",
        ScalarKind.DateTime => "DateTime",
        _ => "Json",
    };
}
