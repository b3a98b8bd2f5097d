using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary>Input fields from options: set only when the option was given, so an absent option sends nothing.</summary>
internal static class Given
{
    public static Optional<string?> Text(string? value) => value is null ? default : value;

    public static Optional<IReadOnlyList<string>?> List(IReadOnlyList<string> values) => values.Count == 0 ? default : values.ToArray();

    public static Optional<System.Text.Json.JsonElement?> Json(System.Text.Json.JsonElement? value) => value is null ? default : value;

    public static Optional<bool?> Flag(bool on, bool off) => on ? true : off ? false : default(Optional<bool?>);
}
