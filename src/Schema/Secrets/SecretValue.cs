namespace Coco.Connectors.Secrets;

/// <summary>One secret in a config: where it is, its size in bytes of UTF-8 JSON, and how deeply it nests.</summary>
public sealed record SecretValue(string Path, int Bytes, int Depth);
