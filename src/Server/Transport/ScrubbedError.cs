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
