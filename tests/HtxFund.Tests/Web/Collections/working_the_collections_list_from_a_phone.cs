using HtxFund.Collections.Daily;
using HtxFund.Identity;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Wolverine;

namespace HtxFund.Tests.Web.Collections;

public sealed class working_the_collections_list_from_a_phone(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task an_officer_logs_a_visit_and_a_promise_on_an_overdue_loan_and_the_card_is_flagged_when_the_promise_is_broken()
    {
        var name = $"Hợp tác xã Cà phê Cư M'gar {Random.Shared.Next(1000, 9999)}";
        var (loanId, coopUser) = await DisbursedLoanOf(name);
        // 01/01/2027: instalment 1 (22/12/2026, 1.972.603 ₫ of interest) is 10 days overdue
        Fixture.Clock.Reset(Instant.FromUtc(2027, 1, 1, 3, 0));
        try
        {
            await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            await SignIn(LoanScenarios.Officer);
            await Page.GotoAsync("/thu-no");
            var card = Page.Locator($"[data-testid=collection-card][data-loan='{loanId}']");
            await Expect(card.GetByTestId("dpd")).ToHaveTextAsync("Quá hạn 10 ngày");
            await Expect(card).ToContainTextAsync(name);
            await Expect(card.GetByTestId("amount-to-pay")).ToHaveTextAsync("1.978.007 ₫");
            await Expect(card.GetByTestId("payment-reference")).ToHaveTextAsync(Lending.Payments.PaymentReference.For(Guid.Parse(loanId)).Value);
            var qr = await Page.APIRequest.GetAsync((await card.GetByTestId("payment-qr").GetAttributeAsync("src"))!);
            qr.Status.ShouldBe(200);
            qr.Headers["content-type"].ShouldBe("image/png");

            // one click opens the contact form: a visit, the cooperative promised to pay
            await card.GetByText("Ghi nhận liên hệ").ClickAsync();
            await card.GetByLabel("Hình thức").SelectOptionAsync(new SelectOptionValue { Label = "Đến tận nơi" });
            await card.GetByLabel("Kết quả").SelectOptionAsync(new SelectOptionValue { Label = "Hứa trả nợ" });
            await card.Locator("textarea[name='Contact.Note']").FillAsync("Gặp giám đốc HTX tại trụ sở, hẹn trả sau thu hoạch.");
            await card.GetByRole(AriaRole.Button, new() { Name = "Lưu liên hệ" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã ghi nhận lần liên hệ.");
            await Expect(card.GetByTestId("last-contact")).ToContainTextAsync("01/01/2027, Đến tận nơi, Hứa trả nợ: Gặp giám đốc HTX");

            // the promise: the amount to pay now is filled in; by 05/01/2027
            await card.GetByText("Cam kết trả nợ", new() { Exact = true }).ClickAsync();
            await Expect(card.GetByLabel("Số tiền hứa trả (đồng)")).ToHaveValueAsync("1.978.007");
            await card.GetByLabel("Ngày hẹn trả").FillAsync("2027-01-05");
            await card.GetByRole(AriaRole.Button, new() { Name = "Lưu cam kết" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã ghi nhận cam kết trả nợ.");
            await Expect(card.GetByTestId("open-promise")).ToContainTextAsync("1.978.007 ₫, Ngày hẹn trả 05/01/2027");
            (await FitsViewportWidth()).ShouldBeTrue();

            // nothing was paid: the daily run of 06/01/2027 breaks the promise and the card is flagged
            Fixture.Clock.Reset(Instant.FromUtc(2027, 1, 6, 3, 0));
            using (var scope = Fixture.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new RunFundCollections(IntegrationContext.FundA, new LocalDate(2027, 1, 6)));
            await Context.ClearCookiesAsync(); // five days on, the sign-in has expired
            await SignIn(LoanScenarios.Officer);
            await Page.GotoAsync("/thu-no");
            await Expect(card.GetByTestId("promise-broken")).ToHaveTextAsync("Không giữ cam kết trả nợ");
            await Expect(card.GetByTestId("dpd")).ToHaveTextAsync("Quá hạn 15 ngày");
            await Expect(card.GetByTestId("open-promise")).ToHaveCountAsync(0);
            (await FitsViewportWidth()).ShouldBeTrue();
            await Screenshots("collections-worklist");

            // the cooperative sees its payment reference and the QR code of what is due on its loan page
            await Context.ClearCookiesAsync();
            await SignIn(coopUser);
            await Page.GotoAsync($"/htx/khoan-vay/{loanId}");
            await Expect(Page.GetByTestId("payment").GetByTestId("payment-reference")).ToHaveTextAsync(
                Lending.Payments.PaymentReference.For(Guid.Parse(loanId)).Value);
            await Expect(Page.GetByTestId("payment").GetByTestId("payment-qr")).ToBeVisibleAsync();
            (await FitsViewportWidth()).ShouldBeTrue();
        }
        finally
        {
            Fixture.Clock.Reset(AppFixture.Start);
        }
    }
}
