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
        // Failed sign-ins per user name (whether or not the user exists) and the lockouts of real users: deployment-wide,
        // like user names.
        opts.Schema.For<SigningIn.SignInGuard>().SingleTenanted().Index(x => x.ForgetAtUnixSeconds);
        opts.Schema.For<SigningIn.SignInLockout>().SingleTenanted().Index(x => x.UserId);
        // Password-reset links: found by the hash of their token (the token itself is never stored).
        opts.Schema.For<Passwords.PasswordReset>().SingleTenanted()
            .UniqueIndex(UniqueIndexType.Computed, "uix_password_reset_token_hash", x => x.TokenHash!).Index(x => x.UserId);
        return opts;
    }
}
