namespace Coco.Connectors.Querying;

/// <summary>What an <see cref="IndexedTest"/> looks up.</summary>
internal enum IndexedTestKind
{
    Text,
    Tags,
    Prefix,

    /// <summary>A substring of some tag (<c>tags:value</c>): the tags holding it are found among the distinct tags.</summary>
    TagText,

    /// <summary>A substring of the category (<c>category:value</c>): the categories holding it are found among the distinct categories.</summary>
    CategoryText,
}
