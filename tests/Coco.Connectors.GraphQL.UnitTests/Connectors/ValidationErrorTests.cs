using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Connectors;

namespace Coco.Connectors.UnitTests.Connectors;

/// <summary>A refused field carries its path and its problem apart; REST and GraphQL each say the path in their names.</summary>
public sealed class ValidationErrorTests
{
    [Theory]
    [InlineData("""{"name":"n","path_hierarchy":"yes"}""", "path_hierarchy", "path_hierarchy must be a boolean", "pathHierarchy", "pathHierarchy must be a boolean")]
    [InlineData("""{"name":"n","processor":{"enabled":1}}""", "processor.enabled", "processor.enabled must be a boolean", "processor.enabled", "processor.enabled must be a boolean")]
    [InlineData("""{"name":"n","oauth_connect_implemented":"x"}""", "oauth_connect_implemented", "oauth_connect_implemented must be a boolean", "oauthConnectImplemented", "oauthConnectImplemented must be a boolean")]
    [InlineData("""{"name":" "}""", "name", "name must not be blank", "name", "name must not be blank")]
    [InlineData("""{"name":"n","config":{"path_hierarchy":"a\u0000"}}""", "config.path_hierarchy", "config.path_hierarchy must not contain the NUL character (U+0000)", "config.path_hierarchy", "config.path_hierarchy must not contain the NUL character (U+0000)")]
    public void Each_API_names_the_path_its_own_way(string document, string cocoPath, string restReason, string graphQLPath, string graphQLMessage)
    {
        var errors = new List<ConnectorError>();
        ConnectorFields.Read(JsonNode.Parse(document)!.AsObject(), errors);

        var error = Assert.IsType<ValidationError>(Assert.Single(errors));
        Assert.Equal(cocoPath, error.Path.ToString());
        Assert.Equal(restReason, error.Reason);
        Assert.Equal($"{cocoPath}: {restReason}", error.Message);
        Assert.Equal(new GraphQLFieldError(graphQLPath, graphQLMessage), ConnectorInputDocument.ToGraphQL(error));
    }

    [Fact]
    public void A_sentence_is_said_as_written_in_both_APIs()
    {
        var error = ValidationError.Sentence(FieldPath.Of("path_hierarchy"), "this change cannot be made.");

        Assert.Equal("this change cannot be made.", error.Reason);
        Assert.Equal(new GraphQLFieldError("pathHierarchy", "this change cannot be made."), ConnectorInputDocument.ToGraphQL(error));
    }

    [Fact]
    public void Keys_inside_config_are_the_clients_own()
    {
        var path = FieldPath.Parse("config.path_hierarchy[0].oauth_connect_implemented");

        Assert.Equal("CONFIG.path_hierarchy[0].oauth_connect_implemented", path.Render(name => name.ToUpperInvariant()));
        Assert.Equal("PATH_HIERARCHY.ENABLED", FieldPath.Of("path_hierarchy").Then("enabled").Render(name => name.ToUpperInvariant()));
    }
}
