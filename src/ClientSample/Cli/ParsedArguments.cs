namespace Coco.Connectors.ClientSample.Cli;

/// <summary>A command line split into the command, its positional arguments, options with values and flags.</summary>
internal sealed class ParsedArguments
{
    public string? Command { get; set; }

    public List<string> Positionals { get; } = [];

    public Dictionary<string, List<string>> Options { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Flags { get; } = new(StringComparer.Ordinal);

    public string? Option(string name) => Options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> All(string name) => Options.TryGetValue(name, out var values) ? values : [];

    public bool Flag(string name) => Flags.Contains(name);

    public int? IntOption(string name, int min, int max)
    {
        if (Option(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{text}'");
    }
}
