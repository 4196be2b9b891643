using System.Net;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.Identity;
using HtxFund.Identity.Passwords;
using HtxFund.Identity.Users;
using HtxFund.Tests.Support;
using Marten;
using MimeKit;

namespace HtxFund.Tests.Identity.Passwords;

/// <summary>Given-states of the account tests: a user with an email address created through the admin API, anonymous
/// posts from a client address of the test's own (the reset and sign-in rate limits count per address), and the token of
/// the link emailed to an address, read from the test SMTP server.</summary>
public abstract partial class AccountsContext(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>A passphrase of the kind NIST's rules favour: long, no digits or capitals needed.</summary>
    public const string NewPassword = "mua xuân trên cao nguyên đá";

    public sealed record Person(Guid Id, string UserName, string Email);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Smtp.Clear();
    }

    protected async Task<Person> UserWithEmail(string role = Roles.Accountant, string fund = FundA)
    {
        var userName = $"{fund}.tk{Guid.NewGuid():N}"[..24];
        var email = $"{userName}@quy-htx.test";
        var created = await Post("/api/users",
            new { userName, displayName = "Nguyễn Thị Hoa", email, password = Password + "-ban-dau", roles = new[] { role } },
            await TokenFor(Roles.Admin, fund));
        created.Context.Response.StatusCode.ShouldBe(201, await created.ReadAsTextAsync());
        return new((await created.Read<UserView>()).Id, userName, email);
    }

    /// <summary>The initial password <see cref="UserWithEmail"/> gives.</summary>
    protected const string InitialPassword = Password + "-ban-dau";

    protected Task<IScenarioResult> Anonymous(string url, object body, IPAddress? from = null) => Host.Scenario(s =>
    {
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from ?? NextClientAddress());
        s.Post.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    protected async Task<string> BearerToken(string userName, string password) =>
        (await (await Login(userName, password)).ReadJson()).GetProperty("accessToken").GetString()!;

    /// <summary>Waits for the one email sent to <paramref name="address"/> and returns it.</summary>
    protected async Task<MimeMessage> MailTo(string address)
    {
        await Waiting.Eventually(() => Task.FromResult(Fixture.Smtp.Messages().Any(m => SentTo(m, address))), $"an email reaches {address}");
        return Fixture.Smtp.Messages().Single(m => SentTo(m, address));
    }

    private static bool SentTo(MimeMessage m, string address) => m.To.Mailboxes.Any(b => b.Address == address);

    public static string TokenIn(MimeMessage message) =>
        LinkToken().Match(message.TextBody ?? "") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No link in: {message.TextBody}");

    [GeneratedRegex(@"/dat-lai-mat-khau\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkToken();

    protected async Task<IReadOnlyList<PasswordReset>> ResetsOf(Guid userId)
    {
        await using var query = Store.QuerySession();
        return await query.Query<PasswordReset>().Where(r => r.UserId == userId).ToListAsync();
    }

    protected async Task<IReadOnlyList<UserSession>> LiveSessionsOf(Guid userId)
    {
        await using var query = Store.QuerySession();
        return await query.Query<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync();
    }
}
