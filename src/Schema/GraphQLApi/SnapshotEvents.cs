using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// Marks a subscription field whose source publishes immutable snapshots (a new object per event, never changed
/// afterwards) whose fields resolve the same for every subscriber. A transport may then execute and serialize each
/// event once per selection and share the bytes among all subscribers with that selection.
/// </summary>
public static class SnapshotEvents
{
    public const string MetadataKey = "coco:snapshotEvents";

    public static FieldBuilder<TSource, TReturn> PublishesSnapshots<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.WithMetadata(MetadataKey, true);
        return field;
    }

    public static bool PublishesSnapshots(this FieldType field) => field.GetMetadata(MetadataKey, false);
}
