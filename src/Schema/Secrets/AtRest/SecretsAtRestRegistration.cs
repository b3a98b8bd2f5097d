using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Secrets.AtRest;

public static class SecretsAtRestRegistration
{
    /// <summary>
    /// Reads <c>Secrets:Encryption</c> now, so a malformed key stops the start with a message naming the setting.
    /// With keys configured the store encrypts secrets (<see cref="StoredSecrets"/>); without, nothing changes.
    /// </summary>
    public static IServiceCollection AddSecretsAtRest(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecretEncryptionOptions.Section).Get<SecretEncryptionOptions>() ?? new SecretEncryptionOptions();
        if (SecretKeyRing.From(options) is { } ring)
        {
            services.AddSingleton(new StoredSecrets(new SecretCipher(ring)));
        }

        services.AddSingleton<StoredSecretKeys>();
        return services;
    }
}
