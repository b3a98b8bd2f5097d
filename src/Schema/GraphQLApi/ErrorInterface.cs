using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

/// <summary>The interface every typed mutation error implements (HotChocolate mutation conventions).</summary>
public sealed class ErrorInterface : InterfaceGraphType
{
    public ErrorInterface()
    {
        Name = "Error";
        Description = "A reason a mutation did not do what was asked.";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What went wrong, for a person to read.");
    }
}
