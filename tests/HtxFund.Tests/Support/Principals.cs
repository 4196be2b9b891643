using System.Security.Claims;
using HtxFund.Identity;

namespace HtxFund.Tests.Support;

/// <summary>Signed-in users as the app's authentication builds them (the claims of <see cref="HtxClaims"/>), for the
/// unit tests of pure decisions that take the <see cref="ClaimsPrincipal"/> an endpoint receives.</summary>
public static class Principals
{
    public static ClaimsPrincipal Of(string fund, Guid? cooperativeId, params string[] roles)
    {
        var claims = new List<Claim>
        {
            new(HtxClaims.UserId, Guid.CreateVersion7().ToString()),
            new(HtxClaims.UserName, $"{fund}.{string.Join('+', roles).ToLowerInvariant()}"),
            new(HtxClaims.Fund, fund),
        };
        claims.AddRange(roles.Select(r => new Claim(HtxClaims.Role, r)));
        if (cooperativeId is { } c) claims.Add(new Claim(HtxClaims.Cooperative, c.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", HtxClaims.UserName, HtxClaims.Role));
    }

    public static ClaimsPrincipal Staff(string role, string fund = IntegrationContext.FundA) => Of(fund, null, role);

    public static ClaimsPrincipal CooperativeUser(Guid cooperativeId, string fund = IntegrationContext.FundA) =>
        Of(fund, cooperativeId, Roles.Cooperative);
}
