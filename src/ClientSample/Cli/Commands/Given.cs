using System.Text.Json;
using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary>
/// Input fields from options: set only when the option was given, so an absent option sends nothing. (Each unset
/// case names its Optional type: <c>x ? default : value</c> would make <c>default</c> a null value, which is sent.)
/// </summary>
internal static class Given
{
    public static Optional<string?> Text(string? value) => value is null ? default(Optional<string?>) : value;

    public static Optional<IReadOnlyList<string>?> List(IReadOnlyList<string> values) =>
        values.Count == 0 ? default(Optional<IReadOnlyList<string>?>) : values.ToArray();

    public static Optional<JsonElement?> Json(JsonElement? value) => value is null ? default(Optional<JsonElement?>) : value;

    public static Optional<bool?> Flag(bool on, bool off) => on ? true : off ? false : default(Optional<bool?>);
}
