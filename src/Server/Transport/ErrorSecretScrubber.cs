using System.Text.Encodings.Web;
using System.Text.Json;
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

/// <summary>
/// Keeps secrets out of error messages (CONTRACT §4). graphql-dotnet quotes offending values: a wrongly typed
/// literal is printed whole (<c>found {token: "…"}</c>), escaped as GraphQL writes strings; the parser quotes the
/// token it stopped at, unescaped; a variable's bad scalar value is echoed as sent. Every secret a request carries —
/// values under secret keys in the variables or in the document's literals at any depth (scalars, lists, nested
/// objects, block strings, enums) and URL passwords in any string — is replaced by the mask, in each of the ways it
/// can be written, as a whole token, in every error message.
/// </summary>
public static class ErrorSecretScrubber
{
    // Checking each way of writing each secret against each message costs their product; a request that carries so
    // many secrets that this would be expensive gets its messages withheld instead (it stays bounded and leaks nothing).
    private const long MaxScrubWork = 20_000_000;

    private static readonly SDLPrinter Printer = new();

    internal const string Withheld = "The request is invalid. The details are withheld because they could quote one of its many secret values.";

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

        var forms = WrittenForms(secrets);
        var withhold = (long)forms.Count * errors.Sum(e => (long)e.Message.Length) > MaxScrubWork;
        var cleaned = new ExecutionErrors();
        foreach (var error in errors)
        {
            var message = withhold ? Withheld : forms.Aggregate(error.Message, MaskWhole);
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

    /// <summary>
    /// Each secret as it may appear in a message: as sent, escaped as GraphQL prints a string (<c>\t</c>, <c>\"</c>,
    /// <c>\u0001</c>), and escaped as JSON; longest first so a secret inside another is masked whole.
    /// </summary>
    internal static List<string> WrittenForms(IEnumerable<string> secrets)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            forms.Add(secret);
            var printed = Printer.Print(new GraphQLStringValue(secret));
            forms.Add(printed.Length >= 2 && printed[0] == '"' && printed[^1] == '"' ? printed[1..^1] : printed);
            // A secret with half a surrogate pair cannot be written as JSON at all, so it has no JSON form to find.
            if (IsWellFormed(secret))
            {
                forms.Add(JsonEncodedText.Encode(secret).ToString());
                forms.Add(JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
            }
        }

        forms.Remove("");
        forms.Remove(SecretPolicy.Mask);
        return [.. forms.OrderByDescending(s => s.Length)];
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The secret values a request carries.</summary>
    internal static HashSet<string> SecretsIn(GraphQLDocument? document, string? query, Inputs? variables)
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
        return secrets;
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
            case JsonValue json when json.TryGetValue<string>(out var text):
                CollectText(text, underSecretKey, secrets);
                return;
            case string text:
                CollectText(text, underSecretKey, secrets);
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

    // A text under a secret key is a secret; any text may hold URLs with passwords.
    private static void CollectText(string text, bool underSecretKey, HashSet<string> secrets)
    {
        if (underSecretKey)
        {
            secrets.Add(text);
        }

        foreach (var password in SecretPolicy.UrlPasswordsIn(text))
        {
            secrets.Add(password);
        }
    }

    /// <summary>
    /// Every scalar below a secret-named object field or argument of the document, and URL passwords in every string:
    /// from the engine's parsed document when it has one, else parsed here; a text that does not parse is read token
    /// by token up to where it breaks, which is as far as the parser's error can quote.
    /// </summary>
    private static void CollectFromDocument(GraphQLDocument? document, string query, HashSet<string> secrets)
    {
        try
        {
            document ??= Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            SecretTokenCollector.Collect(query, secrets);
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

        protected override ValueTask VisitArgumentAsync(GraphQLArgument argument, Collected context)
        {
            if (SecretPolicy.IsSecretKey((string)argument.Name.Value))
            {
                CollectScalars(argument.Value, context.Secrets);
                return default;
            }

            return base.VisitArgumentAsync(argument, context);
        }

        protected override ValueTask VisitStringValueAsync(GraphQLStringValue stringValue, Collected context)
        {
            CollectText((string)stringValue.Value, underSecretKey: false, context.Secrets);
            return base.VisitStringValueAsync(stringValue, context);
        }

        private static void CollectScalars(GraphQLValue value, HashSet<string> secrets)
        {
            switch (value)
            {
                case GraphQLStringValue text:
                    CollectText((string)text.Value, underSecretKey: true, secrets);
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

    /// <summary>
    /// Reads a document that does not parse with the GraphQL lexer (so strings come out unescaped, block strings
    /// included, as the parser's error quotes them) and collects the values after secret names.
    /// </summary>
    private static class SecretTokenCollector
    {
        public static void Collect(string query, HashSet<string> secrets)
        {
            var position = 0;
            var afterSecretName = false;
            var depthInSecret = 0;
            try
            {
                while (position < query.Length)
                {
                    var token = Lexer.Lex(query, position);
                    if (token.Kind == TokenKind.EOF || token.End <= position)
                    {
                        return;
                    }

                    position = token.End;
                    var inSecret = afterSecretName || depthInSecret > 0;
                    switch (token.Kind)
                    {
                        case TokenKind.STRING:
                            CollectText(token.Value.ToString(), inSecret, secrets);
                            afterSecretName = false;
                            break;
                        case TokenKind.INT or TokenKind.FLOAT:
                            if (inSecret)
                            {
                                secrets.Add(token.Value.ToString());
                            }

                            afterSecretName = false;
                            break;
                        case TokenKind.NAME:
                            // Inside a secret's list or object a name is a field name or an enum; only a value counts.
                            if (afterSecretName)
                            {
                                secrets.Add(token.Value.ToString());
                                afterSecretName = false;
                            }
                            else if (depthInSecret == 0)
                            {
                                afterSecretName = SecretPolicy.IsSecretKey(token.Value.ToString());
                            }

                            break;
                        case TokenKind.BRACE_L or TokenKind.BRACKET_L:
                            depthInSecret += inSecret ? 1 : 0;
                            afterSecretName = false;
                            break;
                        case TokenKind.BRACE_R or TokenKind.BRACKET_R:
                            depthInSecret = Math.Max(0, depthInSecret - 1);
                            afterSecretName = false;
                            break;
                        case TokenKind.COLON or TokenKind.COMMENT:
                            break;
                        default:
                            afterSecretName = false;
                            break;
                    }
                }
            }
            catch (GraphQLParserException)
            {
                // The text breaks here; the parser's error quotes nothing after this point.
            }
        }
    }
}
