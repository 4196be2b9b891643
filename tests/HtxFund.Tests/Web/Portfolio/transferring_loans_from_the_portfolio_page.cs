using HtxFund.Identity;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web.Portfolio;

/// <summary>The portfolio page in the browser: the Director filters by officer, ticks two loans and transfers them to a new
/// officer with a reason; the new officer's "my loans" shows them; a board member opens a loan read-only.</summary>
public sealed class transferring_loans_from_the_portfolio_page(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task the_director_transfers_two_loans_and_the_new_officer_finds_them_under_my_loans()
    {
        var suffix = Random.Shared.Next(10000, 99999);
        var leaving = await TestUsers.CreateStaffUserAsync(Fixture.Services, $"daklak.cbtd-di-{suffix}", [Roles.CreditOfficer]);
        var taking = await TestUsers.CreateStaffUserAsync(Fixture.Services, $"daklak.cbtd-den-{suffix}", [Roles.CreditOfficer]);
        var (first, _) = await DisbursedLoanOf($"Hợp tác xã Hồ tiêu Cư M'gar {suffix}");
        var (second, _) = await DisbursedLoanOf($"Hợp tác xã Cà phê Krông Pắc {suffix}");
        var director = await TokenFor(Roles.Director);
        var officers = await GetJson("/api/credit-officers", director);
        string IdOf(string user) => officers.EnumerateArray().Single(o => o.GetProperty("userName").GetString() == user).GetProperty("id").GetString()!;
        // given: both loans are the leaving officer's
        await PostApi("/api/loans/officer-transfers", new { loanIds = new[] { first, second }, toOfficerId = IdOf(leaving), reason = "Phân công ban đầu" },
            director);

        await SignIn(LoanScenarios.Director);
        await Page.GotoAsync("/danh-muc-cho-vay");
        await Page.GetByLabel("Cán bộ phụ trách").SelectOptionAsync(IdOf(leaving));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        var rows = Page.Locator("#portfolio tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(Page.Locator("#portfolio-totals")).ToContainTextAsync("2 khoản vay; đã giải ngân 800.000.000 ₫; dư nợ gốc 800.000.000 ₫");
        await Expect(rows.First).ToContainTextAsync(leaving);
        await Page.Locator($"#pick-{first}").CheckAsync();
        await Page.Locator($"#pick-{second}").CheckAsync();
        await Screenshots("portfolio-by-officer");
        await Page.GetByLabel("Cán bộ nhận").SelectOptionAsync(IdOf(leaving));
        await Page.GetByLabel("Lý do chuyển giao").FillAsync("Cán bộ nghỉ việc từ 01/12/2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chuyển khoản vay" }).ClickAsync(); // not confirmed yet
        await Expect(Page.Locator(".field-error").Filter(new() { HasText = "Vui lòng xác nhận" })).ToBeVisibleAsync();
        await Page.GetByLabel("Tôi xác nhận chuyển các khoản vay đã chọn").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chuyển khoản vay" }).ClickAsync(); // to the officer they already have
        await Expect(Page.Locator("#transfer-refusals li")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#transfer-refusals")).ToContainTextAsync($"HĐ-N{first[^7..]}: Cán bộ {leaving} đang phụ trách khoản vay này.");
        await Page.GetByLabel("Cán bộ nhận").SelectOptionAsync(IdOf(taking));
        await Page.GetByLabel("Tôi xác nhận chuyển các khoản vay đã chọn").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chuyển khoản vay" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã chuyển 2 khoản vay cho cán bộ tín dụng mới.");
        await Expect(rows).ToHaveCountAsync(0); // the leaving officer's filter is kept: nothing left
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        await SignIn(taking);
        await Page.GotoAsync("/danh-muc-cho-vay?officer=me");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = $"HĐ-N{first[^7..]}" })).ToContainTextAsync(taking);
        await Expect(rows.Filter(new() { HasText = $"HĐ-N{second[^7..]}" })).ToContainTextAsync(taking);
        await Expect(Page.Locator("#bulk-transfer")).ToHaveCountAsync(0); // an officer reads, the Director transfers
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        // a board member opens the loan from the portfolio: read-only
        await SignIn(LoanScenarios.BoardMember);
        await Page.GotoAsync($"/danh-muc-cho-vay?officer={IdOf(taking)}");
        await Page.GetByRole(AriaRole.Link, new() { Name = $"HĐ-N{first[^7..]}" }).ClickAsync();
        await Expect(Page.Locator("#responsible-officer")).ToHaveTextAsync(taking);
        await Expect(Page.Locator("#outstanding")).ToHaveTextAsync("400.000.000 ₫");
        await Expect(Page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Giao lại" })).ToHaveCountAsync(0);
    }
}
