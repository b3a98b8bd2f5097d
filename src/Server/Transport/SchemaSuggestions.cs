using GraphQL;

namespace Coco.Connectors.Server.Transport;

/// <summary>
/// Validation messages suggest names from the schema ("Did you mean 'connectors'?"). A caller who may not introspect
/// must not be able to read the schema from them either, so their suggestions are cut off.
/// </summary>
public static class SchemaSuggestions
{
    private const string Suggestion = " Did you mean ";

    public static ExecutionResult Withhold(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors || !errors.Any(e => e.Message.Contains(Suggestion, StringComparison.Ordinal)))
        {
            return result;
        }

        var cut = new ExecutionErrors();
        foreach (var error in errors)
        {
            var at = error.Message.IndexOf(Suggestion, StringComparison.Ordinal);
            cut.Add(at < 0 ? error : new ScrubbedError(error, error.Message[..at]));
        }

        result.Errors = cut;
        return result;
    }
}
