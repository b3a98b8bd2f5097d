using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coco.Connectors.Secrets;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using GraphQLParser.Visitors;

namespace Coco.Connectors.Server.Transport;

/// <summary>An error whose message had a secret replaced by the mask; remembers whether it was a request error.</summary>
public sealed class ScrubbedError : ExecutionError
{
    public ScrubbedError(ExecutionError original, string message) : base(message)
    {
        WasRequestError = original is RequestError or DocumentError;
        Code = original.Code;
        Path = original.Path;
        foreach (var location in original.Locations ?? [])
        {
            AddLocation(location);
        }
    }

    public bool WasRequestError { get; }
}

/// <summary>
/// Keeps secrets out of error messages (CONTRACT §4). graphql-dotnet quotes offending values: a wrongly typed
/// literal is printed whole (<c>found {token: "…"}</c>) and a variable's bad scalar value is echoed. Every value
/// sent under a secret key — in the variables or in the document's literals, at any depth (scalars, lists, nested
/// objects, block strings, enums) — is replaced by the mask, as a whole token, in any error message that contains it.
/// </summary>
public static partial class ErrorSecretScrubber
{
    public static ExecutionResult Scrub(ExecutionResult result, string? query, Inputs? variables)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return result;
        }

        var secrets = SecretsIn(result.Document, query, variables);
        if (secrets.Count == 0)
        {
            return result;
        }

        var cleaned = new ExecutionErrors();
        foreach (var error in errors)
        {
            var message = secrets.Aggregate(error.Message, MaskWhole);
            cleaned.Add(message == error.Message ? error : new ScrubbedError(error, message));
        }

        result.Errors = cleaned;
        return result;
    }

    // A secret is masked where it stands as a whole token, so a short one ("u", 1) cannot garble the words around it.
    private static string MaskWhole(string text, string secret) =>
        text.Contains(secret, StringComparison.Ordinal)
            ? Regex.Replace(text, $@"(?<![\w-]){Regex.Escape(secret)}(?![\w-])", SecretPolicy.Mask, RegexOptions.CultureInvariant)
            : text;

    /// <summary>The secret values a request carries, longest first so a secret inside another is masked whole.</summary>
    internal static List<string> SecretsIn(GraphQLDocument? document, string? query, Inputs? variables)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        if (variables is not null)
        {
            CollectFromVariables(variables, underSecretKey: false, secrets);
        }

        if (query is not null)
        {
            CollectFromDocument(document, query, secrets);
        }

        secrets.Remove("");
        secrets.Remove(SecretPolicy.Mask);
        return [.. secrets.OrderByDescending(s => s.Length)];
    }

    private static void CollectFromVariables(object? value, bool underSecretKey, HashSet<string> secrets)
    {
        switch (value)
        {
            case null:
                return;
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (var (key, child) in map)
                {
                    CollectFromVariables(child, underSecretKey || SecretPolicy.IsSecretKey(key), secrets);
                }

                return;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    CollectFromVariables(child, underSecretKey || SecretPolicy.IsSecretKey(key), secrets);
                }

                return;
            case string text:
                if (underSecretKey)
                {
                    secrets.Add(text);
                }

                return;
            case System.Collections.IEnumerable list:
                foreach (var item in list)
                {
                    CollectFromVariables(item, underSecretKey, secrets);
                }

                return;
            default:
                if (underSecretKey)
                {
                    secrets.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }

                return;
        }
    }

    /// <summary>
    /// Every scalar below a secret-named object field of the document: the engine's own when it has one, else parsed
    /// here. A text that does not parse (syntax error, too deep) falls back to <c>key: "value"</c> pairs, which is
    /// all such an error can quote.
    /// </summary>
    private static void CollectFromDocument(GraphQLDocument? document, string query, HashSet<string> secrets)
    {
        try
        {
            document ??= Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            foreach (Match match in SecretLiteral().Matches(query))
            {
                if (SecretPolicy.IsSecretKey(match.Groups["key"].Value))
                {
                    secrets.Add(match.Groups["value"].Value);
                }
            }

            return;
        }

        // The visitor never awaits anything real, so this completes synchronously.
        new SecretLiteralCollector().VisitAsync(document, new Collected(secrets)).AsTask().GetAwaiter().GetResult();
    }

    private sealed record Collected(HashSet<string> Secrets) : IASTVisitorContext
    {
        public CancellationToken CancellationToken => default;
    }

    private sealed class SecretLiteralCollector : ASTVisitor<Collected>
    {
        protected override ValueTask VisitObjectFieldAsync(GraphQLObjectField objectField, Collected context)
        {
            if (SecretPolicy.IsSecretKey((string)objectField.Name.Value))
            {
                CollectScalars(objectField.Value, context.Secrets);
                return default;
            }

            return base.VisitObjectFieldAsync(objectField, context);
        }

        private static void CollectScalars(GraphQLValue value, HashSet<string> secrets)
        {
            switch (value)
            {
                case GraphQLStringValue text:
                    secrets.Add((string)text.Value);
                    break;
                case GraphQLIntValue number:
                    secrets.Add((string)number.Value);
                    break;
                case GraphQLFloatValue number:
                    secrets.Add((string)number.Value);
                    break;
                case GraphQLEnumValue name:
                    secrets.Add((string)name.Name.Value);
                    break;
                case GraphQLListValue list:
                    foreach (var item in list.Values ?? [])
                    {
                        CollectScalars(item, secrets);
                    }

                    break;
                case GraphQLObjectValue obj:
                    foreach (var field in obj.Fields ?? [])
                    {
                        CollectScalars(field.Value, secrets);
                    }

                    break;
            }
        }
    }

    // `name: "value"` (or `name "value"`, a typo the parser reports by quoting the value) in GraphQL text.
    [GeneratedRegex(@"(?<key>[_A-Za-z][_0-9A-Za-z]*)\s*:?\s*""(?<value>(?:[^""\\\r\n]|\\.)*)""", RegexOptions.CultureInvariant)]
    private static partial Regex SecretLiteral();
}
