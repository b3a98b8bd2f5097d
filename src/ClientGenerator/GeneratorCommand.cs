using Coco.Connectors.ClientGenerator.Documents;

namespace Coco.Connectors.ClientGenerator;

/// <summary>
/// The command the build runs: <c>--schema FILE --out DIR --namespace NS [--client NAME] OPERATION_FILE…</c>.
/// Problems are printed one per line in MSBuild's error format and the exit code is 1; generated files that did
/// not change are left untouched so the compiler's incremental build stays quick.
/// </summary>
internal static class GeneratorCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        string? schemaPath = null, outputFolder = null, ns = null, clientName = "ConnectorClient";
        var files = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--schema" when i + 1 < args.Count: schemaPath = args[++i]; break;
                case "--out" when i + 1 < args.Count: outputFolder = args[++i]; break;
                case "--namespace" when i + 1 < args.Count: ns = args[++i]; break;
                case "--client" when i + 1 < args.Count: clientName = args[++i]; break;
                default: files.Add(args[i]); break;
            }
        }

        if (schemaPath is null || outputFolder is null || ns is null)
        {
            errors.WriteLine($"ClientGenerator: error {DiagnosticCodes.Input}: usage: --schema FILE --out DIR --namespace NS [--client NAME] OPERATION_FILE...");
            return 2;
        }

        var sources = new List<SourceFile>();
        var unreadable = new List<GeneratorDiagnostic>();
        foreach (var path in files.Prepend(schemaPath))
        {
            try
            {
                sources.Add(new SourceFile(Path.GetFullPath(path), File.ReadAllText(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new GeneratorDiagnostic(Path.GetFullPath(path), 1, 1, DiagnosticCodes.Input, $"Cannot read the file: {ex.Message}"));
            }
        }

        var result = unreadable.Count > 0
            ? new GenerationResult([], unreadable)
            : ClientCodeGenerator.Generate(sources[0], sources[1..], new GeneratorOptions(ns, clientName));
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic);
        }

        if (!result.Succeeded)
        {
            return 1;
        }

        Write(outputFolder, result.Files);
        return 0;
    }

    private static void Write(string folder, IReadOnlyList<GeneratedFile> files)
    {
        Directory.CreateDirectory(folder);
        var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(folder, "*.g.cs").Where(p => !names.Contains(Path.GetFileName(p))))
        {
            File.Delete(stale);
        }

        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path) || File.ReadAllText(path) != file.Text)
            {
                File.WriteAllText(path, file.Text);
            }
        }
    }
}
