using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.HostFiltering;

namespace Coco.Connectors.Server.Auth;

/// <summary>Wiring of access control: API tokens, protected mode, CORS, the streaming Origin check and Host filtering.</summary>
public static class AuthRegistration
{
    /// <summary>Request headers browser GraphQL clients (Apollo, urql, GraphiQL) and REST frontends send.</summary>
    public static readonly string[] AllowedRequestHeaders =
        ["content-type", "accept", "authorization", "x-api-token", "apollo-require-preflight", "x-apollo-operation-name", "if-match"];

    public static IServiceCollection AddServerAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, "Auth:RefreshInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<BrowserOriginsOptions>().BindConfiguration(BrowserOriginsOptions.Section);
        services.AddSingleton<TokenKeySource>();
        services.AddSingleton<TokenHasher>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<TokenDirectory>();
        services.AddSingleton<CallerAccess>();
        services.AddSingleton<BrowserOrigins>();
        services.AddHostedService<TokenRefresher>();
        // The core only: AddAuthentication would bring Data Protection, whose key ring (for cookies we do not issue)
        // would be created in the user's profile at every start.
        services.AddAuthenticationCore(auth =>
        {
            auth.DefaultScheme = ApiTokenAuthenticationHandler.SchemeName;
            auth.AddScheme<ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        });
        services.AddWebEncoders();
        services.AddTransient<ApiTokenAuthenticationHandler>();
        services.AddCors();
        services.AddOptions<HostFilteringOptions>().PostConfigure<IServer, IConfiguration>(BoundHosts.Configure);
        return services;
    }

    /// <summary>Protected mode, CORS (preflights answered here) and authentication, before any endpoint or stream.</summary>
    public static IApplicationBuilder UseServerAuth(this IApplicationBuilder app)
    {
        app.UseMiddleware<ProtectedModeMiddleware>();
        var origins = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<BrowserOriginsOptions>>().Value.Origins;
        app.UseCors(cors => cors
            .WithOrigins([.. origins.Select(o => o.TrimEnd('/'))])
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders(AllowedRequestHeaders)
            .WithExposedHeaders("ETag"));
        app.UseAuthentication();
        return app;
    }
}
