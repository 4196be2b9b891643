using Marten;
using Marten.Schema;

namespace HtxFund.Identity;

public static class IdentityConfiguration
{
    public static StoreOptions ConfigureIdentity(this StoreOptions opts)
    {
        opts.Schema.For<UserAccount>().SingleTenanted()
            .UniqueIndex(UniqueIndexType.Computed, "uix_user_account_user_name", x => x.UserName)
            .Index(x => x.FundId);
        opts.Schema.For<UserSession>().SingleTenanted().Index(x => x.UserId);
        return opts;
    }
}
