namespace Coco.Connectors.ClientGenerator;

/// <summary>The generator's entry point (a named class, so no global <c>Program</c> type meets the server's in tests).</summary>
internal static class GeneratorProgram
{
    public static int Main(string[] args) => GeneratorCommand.Run(args, Console.Out, Console.Error);
}
