namespace Coco.Connectors.ClientGenerator;

/// <summary>One generated C# file: its name (without folder) and text.</summary>
internal sealed record GeneratedFile(string Name, string Text);
