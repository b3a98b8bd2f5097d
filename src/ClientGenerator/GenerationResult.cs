namespace Coco.Connectors.ClientGenerator;

/// <summary>What a generator run produced: files when it succeeded, diagnostics when it did not.</summary>
internal sealed record GenerationResult(IReadOnlyList<GeneratedFile> Files, IReadOnlyList<GeneratorDiagnostic> Diagnostics)
{
    public bool Succeeded => Diagnostics.Count == 0;
}
