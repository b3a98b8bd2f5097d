namespace Coco.Connectors.ClientGenerator;

/// <summary>Where the generated code goes and what it is called.</summary>
internal sealed record GeneratorOptions(string Namespace, string ClientName = "ConnectorClient");
