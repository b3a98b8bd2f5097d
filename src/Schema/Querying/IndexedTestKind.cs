namespace Coco.Connectors.Querying;

/// <summary>What an <see cref="IndexedTest"/> looks up.</summary>
internal enum IndexedTestKind
{
    Text,
    Tags,
    Prefix,
}
