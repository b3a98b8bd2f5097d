using System.Text.Json.Nodes;
using Coco.Connectors.Domain;

namespace Coco.Connectors.UnitTests.Connectors;

/// <summary>RFC 7386 JSON Merge Patch, with the RFC's own examples (appendix A).</summary>
public sealed class MergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""{"a":"foo"}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    [InlineData("""{"a":{"x":1,"y":{"z":2}}}""", """{"a":{"y":{"w":3}}}""", """{"a":{"x":1,"y":{"z":2,"w":3}}}""")]
    [InlineData("""{"a":1}""", """{}""", """{"a":1}""")]
    [InlineData("""{"a":1}""", """{"missing":null}""", """{"a":1}""")]
    public void Patches_as_RFC_7386_says(string target, string patch, string expected) =>
        Assert.Equal(expected, MergePatch.Apply(Obj(target), Obj(patch)).ToJsonString());

    [Fact]
    public void Neither_the_target_nor_the_patch_is_changed_or_shared_with_the_result()
    {
        var target = Obj("""{"a":{"b":1},"keep":[1]}""");
        var patch = Obj("""{"a":{"c":2},"n":{"m":[3]},"l":[4]}""");

        var result = MergePatch.Apply(target, patch);
        result["a"]!["b"] = 9;
        result["n"]!["m"]!.AsArray().Add(5);
        result["l"]!.AsArray().Add(6);

        Assert.Equal("""{"a":{"b":1},"keep":[1]}""", target.ToJsonString());
        Assert.Equal("""{"a":{"c":2},"n":{"m":[3]},"l":[4]}""", patch.ToJsonString());
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
