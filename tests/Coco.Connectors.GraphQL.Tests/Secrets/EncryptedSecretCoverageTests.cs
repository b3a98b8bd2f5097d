namespace Coco.Connectors.Tests.Secrets;

/// <summary>Every read path of <see cref="SecretCoverageTests"/> again, with secrets encrypted at rest.</summary>
public sealed class EncryptedSecretCoverageTests(EncryptedServer server) : SecretCoverageTests(server), IClassFixture<EncryptedServer>;
