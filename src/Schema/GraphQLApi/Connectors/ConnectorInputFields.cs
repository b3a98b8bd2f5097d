using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Mutation inputs. Every connector field is optional here on purpose: the write path decides what is required
/// and what the defaults are (one set of rules for REST and GraphQL), and an update must tell "absent" from "null".
/// A field clients write is declared once, on <see cref="ConnectorType"/>, and marked <see cref="Writable"/>: the
/// inputs repeat it under the same name, in the same order, with the output's type made optional.
/// </summary>
internal static class ConnectorInputFields
{
    private const string DescriptionKey = "coco:inputDescription";
    private const string TypeKey = "coco:inputType";

    private static readonly Lazy<IReadOnlyList<FieldType>> Writables =
        new(() => [.. new ConnectorType().Fields.Where(f => f.HasMetadata(DescriptionKey))]);

    /// <summary>
    /// Marks an output field as one the mutation inputs take too, described there by <paramref name="description"/>;
    /// <paramref name="inputType"/> stands in for an object type (inputs cannot take output objects).
    /// </summary>
    public static FieldBuilder<TSource, TReturn> Writable<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, string description, Type? inputType = null)
    {
        field.FieldType.WithMetadata(DescriptionKey, description);
        field.FieldType.WithMetadata(TypeKey, inputType ?? Optional(field.FieldType.Type!));
        return field;
    }

    public static void Add(InputObjectGraphType input)
    {
        foreach (var field in Writables.Value)
        {
            input.Field(field.Name, field.GetMetadata<Type>(TypeKey)!).Description(field.GetMetadata<string>(DescriptionKey));
        }
    }

    private static Type Optional(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(NonNullGraphType<>) ? type.GetGenericArguments()[0] : type;
}
