namespace Coco.Connectors.Tests.Limits;

/// <summary>Tests that measure the process's CPU time: nothing else may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "Hostile documents (alone, CPU measured)";
}
