namespace Coco.Connectors.Storage;

/// <summary>The <c>Storage</c> configuration section (CONTRACT §5).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (default, one embedded file) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=data/coco.db";
}
