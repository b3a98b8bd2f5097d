using Coco.Connectors.Secrets;
using Coco.Connectors.Storage;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.GraphQLApi;

/// <summary>The document nests deeper than the parser allows.</summary>
public sealed class DocumentTooDeepError : DocumentError
{
    public DocumentTooDeepError()
        : base("The document nests too deeply to be parsed; flatten the query or its literals.") => Code = "DOCUMENT_TOO_DEEP";
}
