namespace Coco.Connectors.Secrets.AtRest;

/// <summary>How the stored secrets are kept: how many in plain text, how many under each key id.</summary>
public sealed record SecretCensus(int Connectors, int ConnectorsWithSecrets, int Plaintext, IReadOnlyDictionary<string, int> ByKey);
