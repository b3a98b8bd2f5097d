using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.Querying;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Search;

/// <summary>
/// Generated <c>query</c>/<c>where</c>/<c>order</c> combinations against the server (on SQLite through its search
/// indexes) and against a plain LINQ evaluation of the same rows written here independently: same ids, same order,
/// same total. The rows go through the real write path, including updates and deletes that the indexes must follow.
/// </summary>
public sealed class DifferentialSearchTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    private const int Combinations = 300;

    // Characters beyond U+FFFF are one character for SQL and two UTF-16 units in .NET; every one here is below U+E000
    // or beyond U+FFFF, so .NET's ordinal order (the expected sort below) is the stores' code-point order.
    private static readonly string[] Words =
        ["git", "GitHub", "gitlab", "Drive", "drivers", "ab", "a", "Ünïcode", "straße", "alpha", "alphabet", "db", "Cloud", "wiki", "xyz", "é",
            "😀", "𝔸lpha", "x😀y", "git😀"];

    private static readonly string[] Categories = ["code", "cloud_storage", "database", "Code", "website"];

    private static readonly string[] Processors = ["github", "gdrive", "web", "Database"];

    [Fact]
    public async Task Generated_searches_answer_what_linq_over_the_same_rows_answers()
    {
        var rows = await SeedAsync();
        var random = new Random(11);
        var answered = 0;
        for (var i = 0; i < Combinations; i++)
        {
            var conditions = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Generate(random)).ToList();
            var (order, sort) = Order(random);
            var arguments = string.Join(", ", conditions.Where(c => c.Query is not null).Take(1).Select(c => $"query: {JsonSerializer.Serialize(c.Query)}")
                .Concat([$"where: {{and: [{{id: {{startsWith: \"df-\"}}}}, {string.Join(", ", conditions.Where(c => c.Where is not null).Select(c => c.Where))}]}}"])
                .Concat(order is null ? [] : [$"order: [{order}]"]));
            var used = conditions.Where(c => c.Where is not null).Concat(conditions.Where(c => c.Query is not null).Take(1)).ToList();
            var expected = sort(rows.Where(r => used.All(c => c.Test(r)))).Select(r => r.Id).ToList();

            var response = await server.GraphQL.ExecuteAsync($"{{ connectors(first: 50, {arguments}) {{ totalCount nodes {{ id }} }} }}");
            var data = response.Ok().GetProperty("connectors");
            var ids = data.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
            Assert.True(expected.Take(50).SequenceEqual(ids), $"{arguments}\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", ids)}");
            Assert.True(expected.Count == data.GetProperty("totalCount").GetInt32(), $"{arguments}\nexpected total {expected.Count}, was {data.GetProperty("totalCount").GetInt32()}");

            // A page of 50 mostly holds every match and is then its own count; a page of one makes the total a count.
            var counted = await server.GraphQL.ExecuteAsync($"{{ connectors(first: 1, {arguments}) {{ totalCount }} }}");
            Assert.True(expected.Count == counted.Ok().GetProperty("connectors").GetProperty("totalCount").GetInt32(), $"{arguments}: counted total");
            answered += expected.Count > 0 ? 1 : 0;
        }

        Assert.True(answered > Combinations / 4, $"only {answered} of {Combinations} searches matched anything: the generator tests too little");
    }

    private sealed record Row(string Id, string Name, string? Description, string? Category, string[] Tags, bool Enabled, string? Processor, DateTime Created)
    {
        public IEnumerable<string> FreeText => new[] { Name, Description, Category, Processor }.Concat(Tags).OfType<string>();
    }

    private sealed record Condition(string? Query, string? Where, Func<Row, bool> Test);

    private async Task<List<Row>> SeedAsync()
    {
        var writer = server.Services.GetRequiredService<ConnectorWriter>();
        var random = new Random(20261130);
        var rows = new List<Row>();
        for (var i = 0; i < 70; i++)
        {
            server.Clock.Set(QueryDataset.Epoch.AddDays(10).AddMinutes(i));
            var row = new Row($"df-{i:D3}", $"{Word(random)} {Word(random)} {i}", random.Next(4) == 0 ? null : $"{Word(random)}-{Word(random)}",
                random.Next(5) == 0 ? null : Pick(random, Categories), [.. Enumerable.Range(0, random.Next(4)).Select(_ => Word(random)).Distinct()],
                random.Next(3) != 0, random.Next(3) == 0 ? null : Pick(random, Processors), server.Clock.GetUtcNow().UtcDateTime);
            var result = await writer.CreateAsync(Document(row), CancellationToken.None);
            Assert.True(result.Succeeded);
            rows.Add(row);
        }

        // Updates and deletes: the indexes must follow every write, not only the first.
        for (var i = 0; i < 70; i += 5)
        {
            var updated = rows[i] with { Name = $"{Word(random)} renamed {i}", Tags = [Word(random)], Description = null, Processor = random.Next(3) == 0 ? null : Pick(random, Processors) };
            var patch = new JsonObject
            {
                ["name"] = updated.Name, ["tags"] = new JsonArray(JsonValue.Create(updated.Tags[0])), ["description"] = null,
                ["processor"] = new JsonObject { ["name"] = updated.Processor },
            };
            Assert.True((await writer.UpdateAsync(updated.Id, patch, replace: false, expectedVersion: null, CancellationToken.None)).Succeeded);
            rows[i] = updated;
        }

        foreach (var gone in rows.Where((_, i) => i % 7 == 3).ToList())
        {
            Assert.True((await writer.DeleteAsync(gone.Id, expectedVersion: null, CancellationToken.None)).Succeeded);
            rows.Remove(gone);
        }

        return rows;
    }

    private static Condition Generate(Random random)
    {
        var word = Word(random);
        var lower = word.ToLowerInvariant();
        var runes = Runes(lower).Count;
        var part = runes > 3 ? Runes(lower, 0, random.Next(1, runes)) : lower; // short words fall back to a scan
        return random.Next(22) switch
        {
            16 => Pick(random, Processors) is var listed && Pick(random, Processors) is var other
                ? new(null, $"{{processor: {{name: {{in: [{JsonSerializer.Serialize(listed)}, {JsonSerializer.Serialize(other)}]}}}}}}", r => r.Processor == listed || r.Processor == other)
                : throw new InvalidOperationException(),
            17 => Pick(random, Processors) is var unlike
                ? new(null, $"{{processor: {{name: {{neq: {JsonSerializer.Serialize(unlike)}}}}}}}", r => r.Processor != unlike)
                : throw new InvalidOperationException(),
            18 => Pick(random, Processors) is var named && named[..random.Next(1, named.Length)] is var start
                ? new(null, $"{{processor: {{name: {{startsWith: {JsonSerializer.Serialize(start)}}}}}}}", r => r.Processor?.StartsWith(start, StringComparison.Ordinal) == true)
                : throw new InvalidOperationException(),
            19 => Substring(random, Pick(random, Processors)) is var inName
                ? new(null, $"{{processor: {{name: {{contains: {JsonSerializer.Serialize(inName)}}}}}}}", r => r.Processor?.Contains(inName, StringComparison.Ordinal) == true)
                : throw new InvalidOperationException(),
            20 => Pick(random, Categories) is var notCategory
                ? new(null, $"{{category: {{neq: {JsonSerializer.Serialize(notCategory)}}}}}", r => r.Category != notCategory)
                : throw new InvalidOperationException(),
            0 => new($"{part}", null, r => r.FreeText.Any(t => t.ToLowerInvariant().Contains(part, StringComparison.Ordinal))),
            1 => AllTerms($"{word.ToUpperInvariant()} {Runes(Word(random), 0, 1)}"),
            2 => new($"name:{part}", null, r => r.Name.ToLowerInvariant().Contains(part, StringComparison.Ordinal)),
            3 => new($"tags:{part}", null, r => r.Tags.Any(t => t.ToLowerInvariant().Contains(part, StringComparison.Ordinal))),
            4 => new(null, $"{{tags: {{some: {{eq: {JsonSerializer.Serialize(word)}}}}}}}", r => r.Tags.Contains(word, StringComparer.Ordinal)),
            5 => Pick(random, Words) is var other
                ? new(null, $"{{tags: {{some: {{in: [{JsonSerializer.Serialize(word)}, {JsonSerializer.Serialize(other)}]}}}}}}", r => r.Tags.Any(t => t == word || t == other))
                : throw new InvalidOperationException(),
            6 => new(null, $"{{tags: {{none: {{eq: {JsonSerializer.Serialize(word)}}}}}}}", r => !r.Tags.Contains(word, StringComparer.Ordinal)),
            7 => Pick(random, Categories) is var category
                ? new(null, $"{{category: {{eq: {JsonSerializer.Serialize(category)}}}}}", r => r.Category == category)
                : throw new InvalidOperationException(),
            8 => Flag(random.Next(2) == 0),
            9 => Runes(word, 0, random.Next(1, 4)) is var prefix
                ? new(null, $"{{name: {{startsWith: {JsonSerializer.Serialize(prefix)}}}}}", r => r.Name.StartsWith(prefix, StringComparison.Ordinal))
                : throw new InvalidOperationException(),
            10 => Runes(word, Math.Max(0, Runes(word).Count - random.Next(1, 4)), 3) is var suffix
                ? new(null, $"{{description: {{endsWith: {JsonSerializer.Serialize(suffix)}}}}}", r => r.Description?.EndsWith(suffix, StringComparison.Ordinal) == true)
                : throw new InvalidOperationException(),
            11 => Substring(random, Pick(random, Categories).ToLowerInvariant()) is var inCategory
                ? new($"category:{inCategory.ToUpperInvariant()}", null, r => r.Category?.ToLowerInvariant().Contains(inCategory, StringComparison.Ordinal) == true)
                : throw new InvalidOperationException(),
            12 => new($"processor.name:{part}", null, r => r.Processor?.ToLowerInvariant().Contains(part, StringComparison.Ordinal) == true),
            13 => new($"description:{part}", null, r => r.Description?.ToLowerInvariant().Contains(part, StringComparison.Ordinal) == true),
            14 => Runes(word, 0, 3) is var inTag
                ? new(null, $"{{tags: {{some: {{contains: {JsonSerializer.Serialize(inTag)}}}}}}}", r => r.Tags.Any(t => t.Contains(inTag, StringComparison.Ordinal)))
                : throw new InvalidOperationException(),
            15 => Runes(word, Math.Max(0, Runes(word).Count - 2), 2) is var tagEnd
                ? new(null, $"{{tags: {{some: {{endsWith: {JsonSerializer.Serialize(tagEnd)}}}}}}}", r => r.Tags.Any(t => t.EndsWith(tagEnd, StringComparison.Ordinal)))
                : throw new InvalidOperationException(),
            _ => Pick(random, Processors) is var processor
                ? new(null, $"{{processor: {{name: {{eq: {JsonSerializer.Serialize(processor)}}}}}}}", r => r.Processor == processor)
                : throw new InvalidOperationException(),
        };
    }

    private static List<string> Runes(string text) => [.. text.EnumerateRunes().Select(r => r.ToString())];

    /// <summary>Up to <paramref name="count"/> characters from <paramref name="start"/>, never half of a surrogate pair.</summary>
    private static string Runes(string text, int start, int count) => string.Concat(Runes(text).Skip(start).Take(count));

    private static string Substring(Random random, string text)
    {
        var start = random.Next(text.Length);
        return text.Substring(start, random.Next(1, text.Length - start + 1));
    }

    private static Condition Flag(bool enabled) =>
        new(null, $"{{enabled: {{eq: {(enabled ? "true" : "false")}}}}}", r => r.Enabled == enabled);

    private static Condition AllTerms(string query)
    {
        var terms = query.ToLowerInvariant().Split(' ');
        return new(query, null, r => terms.All(term => r.FreeText.Any(t => t.ToLowerInvariant().Contains(term, StringComparison.Ordinal))));
    }

    /// <summary>The GraphQL order and the same order in LINQ (ties broken by id in the last key's direction).</summary>
    private static (string? Order, Func<IEnumerable<Row>, IEnumerable<Row>> Sort) Order(Random random) => random.Next(4) switch
    {
        0 => (null, rows => rows.OrderByDescending(r => r.Created).ThenByDescending(r => r.Id, StringComparer.Ordinal)),
        1 => ("{name: ASC}", rows => rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)),
        2 => ("{name: DESC}", rows => rows.OrderByDescending(r => r.Name, StringComparer.Ordinal).ThenByDescending(r => r.Id, StringComparer.Ordinal)),
        _ => ("{created: ASC}", rows => rows.OrderBy(r => r.Created).ThenBy(r => r.Id, StringComparer.Ordinal)),
    };

    private static JsonObject Document(Row row)
    {
        var doc = new JsonObject
        {
            ["id"] = row.Id,
            ["name"] = row.Name,
            ["tags"] = new JsonArray([.. row.Tags.Select(t => JsonValue.Create(t))]),
            ["enabled"] = row.Enabled,
        };
        if (row.Description is not null)
        {
            doc["description"] = row.Description;
        }

        if (row.Category is not null)
        {
            doc["category"] = row.Category;
        }

        if (row.Processor is not null)
        {
            doc["processor"] = new JsonObject { ["enabled"] = true, ["name"] = row.Processor };
        }

        return doc;
    }

    private static string Word(Random random) => Pick(random, Words);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
