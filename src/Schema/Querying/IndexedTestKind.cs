namespace Coco.Connectors.Querying;

/// <summary>What an <see cref="IndexedTest"/> looks up.</summary>
internal enum IndexedTestKind
{
    Text,
    Tags,
    Prefix,

    /// <summary>A substring of some tag (<c>tags:value</c>): the tags holding it are found among the distinct tags.</summary>
    TagText,

    /// <summary>A test of the category or the processor's name (<see cref="KeptValueTest"/>): the values passing it are found among the distinct values.</summary>
    KeptValues,
}
