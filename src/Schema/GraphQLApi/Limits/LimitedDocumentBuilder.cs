using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// The engine's document builder with the document limits around it: tokens are counted before parsing, the
/// shape is measured after it, and only then does the engine validate. Every transport parses through here.
/// </summary>
public sealed class LimitedDocumentBuilder(IOptions<GraphQLLimitsOptions> options) : IDocumentBuilder
{
    private readonly GraphQLDocumentBuilder _parser = new();

    public GraphQLDocument Build(string body)
    {
        var limits = options.Value;
        DocumentLimits.CheckTokens(body, limits);
        var document = _parser.Build(body);
        DocumentLimits.CheckShape(document, limits);
        return document;
    }
}
