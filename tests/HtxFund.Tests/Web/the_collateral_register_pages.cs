using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class the_collateral_register_pages(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task a_credit_officer_registers_values_and_pledges_a_land_use_right_and_cannot_release_it_while_the_application_is_open()
    {
        var (cooperativeId, coopUser) = await CooperativeWithUser("Hợp tác xã Cà phê Ea Kiết");
        var draft = await PostApi("/api/applications", new { request = ApplicationContext.Request(amount: 600_000_000, investment: 900_000_000, equity: 300_000_000) },
            await TokenForUser(coopUser));
        draft.IsSuccessStatusCode.ShouldBeTrue();

        await SignIn(LoanScenarios.Officer);
        await Page.GotoAsync($"/tin-dung/tai-san-bao-dam?htx={cooperativeId}");
        await Page.Locator("#Input_Type").SelectOptionAsync("LandUseRight");
        await Page.GetByLabel("Chủ sở hữu (hoặc bên bảo lãnh)").FillAsync("Hợp tác xã Cà phê Ea Kiết");
        await Page.GetByLabel("Mô tả tài sản").FillAsync("Quyền sử dụng đất trồng cà phê 1,5 ha tại xã Ea Kiết");
        await Page.GetByLabel("Số giấy chứng nhận").FillAsync("CT 07731");
        await Page.GetByLabel("Số thửa đất").FillAsync("88");
        await Page.GetByLabel("Số tờ bản đồ").FillAsync("12");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký tài sản" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đăng ký tài sản bảo đảm.");
        await Expect(Page.Locator("#item-type")).ToHaveTextAsync("Quyền sử dụng đất");
        await Expect(Page.Locator("#latest-value")).ToHaveTextAsync("chưa định giá");

        // a valuation dated in the future: the server's refusal next to the field, nothing recorded
        await Page.GetByLabel("Giá trị định giá").FillAsync("450.000.000");
        await Page.GetByLabel("Ngày định giá").FillAsync("2099-01-01");
        await Page.GetByLabel("Phương pháp định giá").FillAsync("So sánh giá thị trường");
        await Page.GetByLabel("Người (tổ chức) định giá").FillAsync("Công ty thẩm định giá Tây Nguyên");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận định giá" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Valuation.ValuedOn']")).ToContainTextAsync("Ngày định giá không được sau ngày hôm nay.");

        await Page.GetByLabel("Ngày định giá").FillAsync("2026-11-01");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận định giá" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi nhận kết quả định giá.");
        await Expect(Page.Locator("#latest-value")).ToHaveTextAsync("450.000.000 ₫ (01/11/2026)");
        await Expect(Page.Locator("#valuations tbody tr")).ToHaveCountAsync(1);

        await Page.Locator("#Pledge_LoanId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.GetByLabel("Tỷ lệ tài sản thế chấp cho khoản vay (%)").FillAsync("100");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Thế chấp", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thế chấp tài sản cho khoản vay.");
        await Expect(Page.Locator("#pledged-percent")).ToHaveTextAsync("100 %");

        // the application is still open: the release is refused and the pledge stays
        await Page.Locator("#pledges").GetByRole(AriaRole.Button, new() { Name = "Giải chấp" }).ClickAsync();
        await Expect(Page.Locator("[role=alert]", new() { HasText = "chưa tất toán" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#pledges")).ToContainTextAsync("đang thế chấp");

        await Page.GotoAsync($"/tin-dung/tai-san-bao-dam?htx={cooperativeId}");
        var row = Page.Locator("#register tbody tr", new() { HasText = "Quyền sử dụng đất trồng cà phê" });
        await Expect(row).ToContainTextAsync("450.000.000 ₫");
        await Expect(row).ToContainTextAsync("100 %");
        await Screenshots("credit-collateral");
    }

    [Fact]
    public async Task a_board_member_reads_the_register_without_its_forms()
    {
        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.BoardMember));
        await Page.GotoAsync("/tin-dung/tai-san-bao-dam");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sổ đăng ký tài sản bảo đảm" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng ký tài sản bảo đảm mới" })).ToHaveCountAsync(0);
    }
}
