using System.Security.Claims;
using System.Text.Encodings.Web;
using Coco.Connectors.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// Coco's API tokens: <c>X-API-TOKEN: &lt;token&gt;</c> or <c>Authorization: Bearer &lt;token&gt;</c>. A request without
/// one is the anonymous caller where <see cref="CallerAccess"/> allows it (protected mode on loopback, or
/// <c>Auth:AllowAnonymous</c>). The caller is kept on the request for REST and GraphQL to check permissions against.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenDirectory directory,
    CallerAccess access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = CallerAccess.TokenFrom(Request.Headers);
        Caller? caller;
        if (token is null)
        {
            caller = access.AnonymousCaller(Context);
            if (caller is null)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
        }
        else
        {
            caller = directory.Authenticate(token);
            if (caller is null)
            {
                return Task.FromResult(AuthenticateResult.Fail("invalid login"));
            }
        }

        Context.Items[Caller.UserContextKey] = caller;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, caller.Name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
