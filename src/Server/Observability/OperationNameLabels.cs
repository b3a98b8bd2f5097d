namespace Coco.Connectors.Server.Observability;

/// <summary>
/// Turns client-chosen operation names into metric label values without letting a client create series at will:
/// the first <see cref="MaxDistinct"/> names (each at most <see cref="MaxLength"/> characters) are kept, later new
/// ones count as <c>(other)</c>, and an unnamed operation is <c>(anonymous)</c>.
/// </summary>
public sealed class OperationNameLabels
{
    public const int MaxDistinct = 200;
    public const int MaxLength = 64;
    public const string Anonymous = "(anonymous)";
    public const string Other = "(other)";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public string For(string? operationName)
    {
        if (string.IsNullOrEmpty(operationName))
        {
            return Anonymous;
        }

        if (_known.TryGetValue(operationName, out var label))
        {
            return label;
        }

        // GraphQL names are [_A-Za-z][_0-9A-Za-z]*; anything else never reaches execution, so it is not kept.
        if (operationName.Length > MaxLength || _known.Count >= MaxDistinct || !IsName(operationName))
        {
            return Other;
        }

        return _known.GetOrAdd(operationName, operationName);
    }

    private static bool IsName(string text) =>
        !char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
