using HtxFund.Identity;
using HtxFund.Notices;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class choosing_notification_emails_on_the_page(BrowserFixture fixture) : BrowserContext(fixture)
{
    private async Task Repayment(string loanId, long amount) =>
        await PostApi($"/api/loans/{loanId}/repayments", new
        {
            amount, valueDate = "2026-11-22", channel = "BankTransfer", bankReference = $"FT{Guid.NewGuid():N}"[..16],
        }, await TokenFor(Roles.Accountant));

    /// <summary>Waits until every message the app accepted is handled, so that an email that did not come will not.</summary>
    private async Task Settled()
    {
        await Fixture.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var messages = Fixture.Services.GetRequiredService<Wolverine.Persistence.Durability.IMessageStore>();
        await Waiting.Eventually(async () =>
        {
            var counts = await messages.Admin.FetchCountsAsync();
            return counts.Incoming == 0 && counts.Outgoing == 0 && counts.Scheduled == 0;
        }, "every message is handled", TimeSpan.FromSeconds(60));
    }

    private IReadOnlyList<string> SubjectsTo(string address) =>
        Fixture.Smtp.Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == address)).Select(m => m.Subject ?? "").ToArray();

    [Fact]
    public async Task a_cooperative_user_turns_repayment_emails_off_and_the_next_repayment_reaches_the_inbox_but_not_the_mailbox()
    {
        var options = Fixture.Services.GetRequiredService<NoticeOptions>();
        options.Enabled = true;
        try
        {
            var (loanId, coopUser) = await DisbursedLoanOf($"Hợp tác xã Cà phê Cư M'gar {Random.Shared.Next(1000, 9999)}");
            await Settled(); // the notices of the loan's making are delivered (in-app only: the user has no address yet)
            var address = $"htx.{Guid.NewGuid():N}"[..20] + "@quy-htx.test";
            await using (var session = Fixture.Services.GetRequiredService<IDocumentStore>().LightweightSession())
            {
                var user = await session.Query<UserAccount>().SingleAsync(u => u.UserName == coopUser);
                session.Store(user with { Email = address });
                await session.SaveChangesAsync();
            }

            await SignIn(coopUser);
            await Page.GotoAsync("/thong-bao");
            await Page.GetByTestId("notice-preferences").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/thong-bao/cai-dat$"));
            var repayments = Page.GetByTestId("email-RepaymentReceived");
            await Expect(repayments).ToBeCheckedAsync();
            await repayments.UncheckAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu lựa chọn" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu lựa chọn nhận thư.");
            await Expect(Page.GetByTestId("email-RepaymentReceived")).Not.ToBeCheckedAsync();
            await Expect(Page.GetByTestId("email-TranchePaid")).ToBeCheckedAsync();
            await Expect(Page.GetByTestId("email-TranchePrepared")).ToHaveCountAsync(0); // a staff kind: not the cooperative's
            (await FitsViewportWidth()).ShouldBeTrue();
            await Screenshots("notification-preferences");

            await Repayment(loanId, 10_000_000);
            await Page.GotoAsync("/thong-bao");
            var notice = Page.GetByTestId("notification").Filter(new() { HasText = "Quỹ đã nhận 10.000.000 ₫ tiền trả nợ" });
            await Waiting.Eventually(async () =>
            {
                await Page.ReloadAsync();
                return await notice.CountAsync() == 1;
            }, "the repayment notice is in the inbox", TimeSpan.FromSeconds(60));
            await Expect(notice.GetByRole(AriaRole.Link, new() { Name = "Xem chi tiết" })).ToHaveAttributeAsync("href", $"/htx/khoan-vay/{loanId}");
            await Settled();
            SubjectsTo(address).ShouldBeEmpty();

            // turned on again, the next repayment is emailed: the mailbox above was empty because of the choice
            await Page.GotoAsync("/thong-bao/cai-dat");
            await Page.GetByTestId("email-RepaymentReceived").CheckAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu lựa chọn" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu lựa chọn nhận thư.");
            await Repayment(loanId, 20_000_000);
            await Waiting.Eventually(() => Task.FromResult(SubjectsTo(address).Count == 1), "the second repayment is emailed", TimeSpan.FromSeconds(60));
            SubjectsTo(address).ShouldBe(["Quỹ đã nhận 20.000.000 ₫ tiền trả nợ"]);
        }
        finally
        {
            options.Enabled = false;
        }
    }
}
