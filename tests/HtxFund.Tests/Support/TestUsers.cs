using HtxFund.Funds;
using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Support;

/// <summary>The seeded funds (two provincial, one central) and their users (one per staff role, password <see cref="IntegrationContext.Password"/>),
/// written straight to the store; shared by the Alba tests and the browser tests.</summary>
public static class TestUsers
{
    public static async Task SeedFundsAndStaffAsync(IServiceProvider services)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<UserAccount>>();
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(new Fund { Id = IntegrationContext.FundA, Name = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk", Kind = FundKind.Provincial, ProvinceName = "Đắk Lắk" });
        session.Store(new Fund { Id = IntegrationContext.FundB, Name = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lâm Đồng", Kind = FundKind.Provincial, ProvinceName = "Lâm Đồng" });
        session.Store(new Fund { Id = IntegrationContext.CentralFund, Name = "Quỹ hỗ trợ phát triển hợp tác xã Việt Nam", Kind = FundKind.Central });
        foreach (var fund in new[] { IntegrationContext.FundA, IntegrationContext.FundB, IntegrationContext.CentralFund })
        {
            foreach (var role in Roles.All.Where(r => r != Roles.Cooperative))
            {
                var user = NewUser(fund, IntegrationContext.UserName(fund, role), [role], null);
                session.Store(user with { PasswordHash = hasher.HashPassword(user, IntegrationContext.Password) });
            }
        }
        await session.SaveChangesAsync();
    }

    public static UserAccount NewUser(string fund, string userName, string[] roles, Guid? cooperativeId) => new()
    {
        Id = Guid.CreateVersion7(), UserName = userName, DisplayName = $"Người dùng {userName}", FundId = fund,
        Roles = roles, CooperativeId = cooperativeId, PasswordHash = "", CreatedAt = AppFixture.Start,
    };

    /// <summary>Creates a Cooperative user bound to a cooperative and returns its user name.</summary>
    public static async Task<string> CreateCooperativeUserAsync(IServiceProvider services, Guid cooperativeId, string fund = IntegrationContext.FundA)
    {
        var user = NewUser(fund, $"{fund}.coop.{cooperativeId:N}"[..40], [Roles.Cooperative], cooperativeId);
        await StoreAsync(services, user);
        return user.UserName;
    }

    /// <summary>Creates another staff user and returns its user name.</summary>
    public static async Task<string> CreateStaffUserAsync(IServiceProvider services, string userName, string[] roles, string fund = IntegrationContext.FundA)
    {
        var user = NewUser(fund, userName, roles, null);
        await StoreAsync(services, user);
        return user.UserName;
    }

    private static async Task StoreAsync(IServiceProvider services, UserAccount user)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<UserAccount>>();
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(user with { PasswordHash = hasher.HashPassword(user, IntegrationContext.Password) });
        await session.SaveChangesAsync();
    }
}
