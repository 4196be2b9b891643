using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;
using NodaTime;

namespace HtxFund.Tests.Web;

public sealed class notices_reminders_and_the_annual_plan(BrowserFixture fixture) : BrowserContext(fixture)
{
    private const string Today = "2026-11-22";

    /// <summary>Reloads the page until <paramref name="locator"/> is visible (the reminder is sent through the outbox,
    /// asynchronously); fails after 30 s.</summary>
    private async Task ReloadUntilVisible(ILocator locator)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await locator.IsVisibleAsync())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{locator} never became visible.");
            await Page.WaitForTimeoutAsync(250);
            await Page.ReloadAsync();
        }
    }

    [Fact]
    public async Task an_overdue_instalment_is_listed_for_staff_and_lands_in_the_cooperatives_inbox_with_its_pdf_notice()
    {
        var name = $"Hợp tác xã Dịch vụ Nông nghiệp Krông Pắc {Random.Shared.Next(1000, 9999)}";
        var (_, coopUser) = await DisbursedLoanOf(name);
        Fixture.Clock.Reset(Instant.FromUtc(2026, 12, 23, 3, 0)); // the first instalment (22/12/2026) is one day overdue
        try
        {
            // staff: an Admin runs today's reminders from the page and sees what was sent, to whom and its status
            await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.Admin));
            await Page.GotoAsync("/tai-chinh/nhac-no");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Chạy nhắc nợ hôm nay" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã chạy nhắc nợ ngày 23/12/2026");
            var row = Page.GetByTestId("reminder").Filter(new() { HasText = name });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("recipient")).ToHaveTextAsync(name);
            await Expect(row).ToContainTextAsync("Nợ quá hạn");
            await Expect(row).ToContainTextAsync("htx.eatu@example.vn");
            await ReloadUntilVisible(row.GetByTestId("status").GetByText(new Regex("Không gửi được thư|Đã gửi")));
            (await FitsViewportWidth()).ShouldBeTrue();
            await Screenshots("finance-reminders");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

            // the cooperative: unread badge, the notice in the inbox, its PDF, mark read
            await SignIn(coopUser);
            await ReloadUntilVisible(Page.GetByTestId("unread-count"));
            await Expect(Page.GetByTestId("unread-count")).ToContainTextAsync("1");
            await Page.GetByTestId("inbox-link").ClickAsync();
            var notice = Page.GetByTestId("notification");
            await Expect(notice).ToHaveCountAsync(1);
            await Expect(notice).ToHaveClassAsync("unread");
            await Expect(notice).ToContainTextAsync("quá hạn");
            var href = await notice.GetByRole(AriaRole.Link, new() { Name = "Tải thông báo nợ (PDF)" }).GetAttributeAsync("href");
            var pdf = await Page.APIRequest.GetAsync(href!);
            pdf.Status.ShouldBe(200);
            pdf.Headers["content-type"].ShouldBe("application/pdf");
            System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]).ShouldBe("%PDF-");
            (await FitsViewportWidth()).ShouldBeTrue();
            await Screenshots("notification-inbox");

            await notice.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã đọc" }).ClickAsync();
            await Expect(Page.GetByTestId("notification")).ToHaveClassAsync("read");
            await Expect(Page.GetByTestId("unread-count")).ToHaveCountAsync(0);
            await Expect(Page.GetByTestId("inbox-unread")).ToHaveTextAsync("0 chưa đọc");

            // and among its notices in the cooperative portal
            await Page.GotoAsync("/htx/thong-bao-no");
            await Expect(Page.GetByTestId("notices").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(Page.GetByTestId("notices").GetByRole(AriaRole.Link, new() { Name = "Thông báo nợ (PDF)" })).ToHaveAttributeAsync("href", href!);
        }
        finally
        {
            Fixture.Clock.Reset(AppFixture.Start);
        }
    }

    [Fact]
    public async Task the_annual_plan_form_refuses_a_bad_ratio_next_to_the_field_then_keeps_each_version_and_archives_the_half_year_report()
    {
        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.ChiefAccountant));
        await Page.GotoAsync("/tai-chinh/ke-hoach?nam=2026");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nhập kế hoạch" }).ClickAsync();
        await Page.GetByLabel("Dư nợ cho vay cuối năm (kế hoạch)").FillAsync("50.000.000.000");
        await Page.GetByLabel("Tỷ lệ nợ xấu tối đa (%)").FillAsync("150");
        await Page.GetByLabel("Kết quả tài chính (chênh lệch thu chi) kế hoạch").FillAsync("1.200.000.000");
        await Page.GetByLabel("Quyết định phê duyệt kế hoạch").FillAsync("25/QĐ-HĐQL");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.NplRatioPercentMax']")).ToHaveTextAsync("Tỷ lệ nợ xấu kế hoạch phải từ 0 đến 100 %.");

        await Page.GetByLabel("Tỷ lệ nợ xấu tối đa (%)").FillAsync("2,5");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(Page.GetByTestId("plan-outstanding")).ToHaveTextAsync("50.000.000.000 ₫");
        await Expect(Page.GetByTestId("plan-version")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("rating").Locator("tbody tr")).ToHaveCountAsync(4);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Điều chỉnh kế hoạch" }).ClickAsync();
        await Page.GetByLabel("Dư nợ cho vay cuối năm (kế hoạch)").FillAsync("60.000.000.000");
        await Page.GetByLabel("Ghi chú (lý do điều chỉnh)").FillAsync("Điều chỉnh giữa năm");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(Page.GetByTestId("plan-outstanding")).ToHaveTextAsync("60.000.000.000 ₫");
        await Expect(Page.GetByTestId("plan-version")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("plan-version").First).ToContainTextAsync("50.000.000.000 ₫ → 60.000.000.000 ₫");
        await Expect(Page.GetByTestId("plan-version").First).ToContainTextAsync("Điều chỉnh giữa năm");
        (await FitsViewportWidth()).ShouldBeTrue();
        await Screenshots("finance-plan");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo hoạt động 6 tháng đầu năm 2026" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lập và lưu trữ");
    }
}
