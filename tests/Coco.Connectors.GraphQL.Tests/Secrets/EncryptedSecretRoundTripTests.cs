namespace Coco.Connectors.Tests.Secrets;

/// <summary>Every mask round trip of <see cref="SecretRoundTripTests"/> again, with secrets encrypted at rest.</summary>
public sealed class EncryptedSecretRoundTripTests(EncryptedServer server) : SecretRoundTripTests(server), IClassFixture<EncryptedServer>;
