namespace Coco.Connectors.ClientGenerator;

/// <summary>
/// A reason the client cannot be generated, at a place in a file. <see cref="ToString"/> is MSBuild's canonical
/// error format, which the build's Exec task turns into an error that IDEs link to the file and line.
/// </summary>
internal sealed record GeneratorDiagnostic(string Path, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{Path}({Line},{Column}): error {Code}: {Message}";
}
