namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>The scalars the client maps to C# types; any other custom scalar is read as raw JSON.</summary>
internal enum ScalarKind
{
    String,
    Id,
    Int,
    Float,
    Boolean,
    DateTime,
    Json,
}
