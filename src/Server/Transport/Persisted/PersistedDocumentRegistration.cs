namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>Services for persisted documents, shared by every transport through <see cref="GraphQLRunner"/>.</summary>
public static class PersistedDocumentRegistration
{
    public static IServiceCollection AddPersistedDocuments(this IServiceCollection services)
    {
        services.AddOptions<PersistedDocumentOptions>().BindConfiguration(PersistedDocumentOptions.Section);
        services.AddSingleton<TrustedDocumentStore>();
        services.AddSingleton<AutomaticPersistedQueryCache>();
        services.AddSingleton<PersistedDocumentResolver>();
        return services;
    }
}
