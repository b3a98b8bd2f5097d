using Coco.Connectors.Domain;

namespace Coco.Connectors.UnitTests.Connectors;

/// <summary>Three connectors in memory that differ in every queryable field, for the filter compilers.</summary>
public static class Sample
{
    public static readonly DateTime Day1 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Connector Alpha => Make("a", "Alpha", category: "web", description: null, tags: ["x", "y"], created: Day1,
        enabled: true, processorName: "p1");

    public static Connector Beta => Make("b", "Beta", category: null, description: "desc", tags: [], created: Day1.AddDays(1),
        enabled: false, processorName: null, builtin: true);

    public static Connector Gamma => Make("c", "Gamma", category: "db", description: "Gamma rays", tags: ["y"], created: Day1.AddDays(2),
        enabled: true, processorName: "p2", processorEnabled: true);

    public static IReadOnlyList<Connector> All => [Alpha, Beta, Gamma];

    public static Connector Make(string id, string name, string? category = null, string? description = null, List<string>? tags = null,
        DateTime? created = null, bool enabled = true, string? processorName = null, bool builtin = false, bool processorEnabled = false) =>
        new()
        {
            Id = id,
            Name = name,
            Category = category,
            Description = description,
            Tags = tags ?? [],
            Created = created ?? Day1,
            Updated = created ?? Day1,
            Enabled = enabled,
            Builtin = builtin,
            Processor = new ConnectorProcessor { Name = processorName, Enabled = processorEnabled },
            SearchText = string.Join('\n', new[] { name, description, category, processorName }.Concat(tags ?? [])
                .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant(),
        };

    /// <summary>The ids of the sample connectors <paramref name="matches"/> lets through, in order.</summary>
    public static string Ids(Func<Connector, bool> matches) => string.Join(",", All.Where(matches).Select(c => c.Id));
}
