using System.Text.RegularExpressions;
using HtxFund.Identity;
using HtxFund.Tests.Files;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web.SignUps;

public sealed partial class a_cooperative_signs_itself_up_on_a_phone(BrowserFixture fixture) : BrowserContext(fixture)
{
    [GeneratedRegex(@"https?://\S+?(/dang-ky/xac-nhan\?token=\S+)")]
    private static partial Regex Link();

    [Fact]
    public async Task it_signs_up_confirms_its_email_is_approved_by_the_director_signs_in_and_applies_for_a_loan()
    {
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        var taxCode = NewTaxCode();
        var email = $"htx.{taxCode}@htx.test";
        const string password = "Ca-phe-Ea-Kao-2026";

        await Page.GotoAsync("/dang-nhap");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Chưa có tài khoản? Hợp tác xã đăng ký tại đây" }).ClickAsync();
        await Page.GetByLabel("Quỹ nhận đăng ký").SelectOptionAsync(IntegrationContext.FundA);
        await Page.GetByLabel("Mã số thuế").FillAsync(taxCode);
        await Page.GetByLabel("Tên tổ chức").FillAsync("Hợp tác xã Nông nghiệp Ea Kao");
        await Page.GetByLabel("Loại hình").SelectOptionAsync("HopTacXa");
        await Page.GetByLabel("Tỉnh, thành phố").SelectOptionAsync("Đắk Lắk");
        await Page.GetByLabel("Xã, phường").FillAsync("Phường Ea Kao");
        await Page.GetByLabel("Địa chỉ trụ sở").FillAsync("Thôn 3, phường Ea Kao");
        await Page.GetByLabel("Ngày đăng ký thành lập").FillAsync("2019-05-14");
        await Page.GetByLabel("Số thành viên").FillAsync("27");
        await Page.GetByLabel("Ngành nghề chính").FillAsync("Trồng và sơ chế cà phê");
        await Page.GetByLabel("Người đại diện theo pháp luật").FillAsync("Y Bhim Niê");
        await Page.GetByLabel("Thư điện tử").FillAsync(email);
        await Page.GetByLabel("Số điện thoại").FillAsync("0905 123 456");
        await Page.GetByLabel("Giấy chứng nhận đăng ký (PDF, JPEG hoặc PNG)").SetInputFilesAsync(new FilePayload
        {
            Name = "giay-chung-nhan.pdf", MimeType = "application/pdf", Buffer = FileSamples.Pdf(),
        });
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await Page.Locator("#Input_Consent").CheckAsync();
        (await FitsViewportWidth()).ShouldBeTrue("the sign-up form fits a 390 px phone");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();

        // the page's script solved the proof of work with WebCrypto before the form went
        await Expect(Page.GetByTestId("sign-up-sent")).ToContainTextAsync(email);
        await Waiting.Eventually(() => Task.FromResult(Fixture.Smtp.Messages().Any(m => m.To.Mailboxes.Any(x => x.Address == email))),
            "the confirmation email arrives");
        var mail = Fixture.Smtp.Messages().Last(m => m.To.Mailboxes.Any(x => x.Address == email));
        await Page.GotoAsync(Link().Match(mail.TextBody!).Groups[1].Value);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
        await Expect(Page.GetByTestId("email-confirmed")).ToBeVisibleAsync();

        // the Director approves it on the admin page (a desktop browser of their own)
        await using (var staffContext = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
                     {
                         BaseURL = Fixture.BaseUrl.ToString().TrimEnd('/'), Locale = "vi-VN", TimezoneId = "Asia/Ho_Chi_Minh",
                     }))
        {
            var staff = await staffContext.NewPageAsync();
            await staff.GotoAsync("/dang-nhap");
            await staff.GetByLabel("Tên đăng nhập").FillAsync(IntegrationContext.UserName(IntegrationContext.FundA, Roles.Director));
            await staff.GetByLabel("Mật khẩu").FillAsync(IntegrationContext.Password);
            await staff.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await staff.WaitForURLAsync(url => !url.Contains("/dang-nhap"));
            await staff.GotoAsync("/quan-tri/dang-ky");
            await staff.GetByTestId("sign-ups").GetByRole(AriaRole.Row).Filter(new() { HasText = taxCode })
                .GetByRole(AriaRole.Link, new() { Name = "Hợp tác xã Nông nghiệp Ea Kao" }).ClickAsync();
            await Assertions.Expect(staff.GetByTestId("sign-up-status")).ToHaveTextAsync("Chờ xét duyệt");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Duyệt đăng ký" }).ClickAsync();
            await Assertions.Expect(staff.GetByTestId("sign-up-status")).ToHaveTextAsync("Đã duyệt");
        }

        // the cooperative signs in with its tax code and applies through the guided application
        await SignIn(taxCode, password);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Lập hồ sơ vay mới" }).ClickAsync();
        await Page.GetByLabel("Mục đích vay vốn").FillAsync("Mua máy sấy cà phê");
        await Page.GetByLabel("Ngành, lĩnh vực").FillAsync("Chế biến cà phê");
        await Page.GetByLabel("Tổng mức đầu tư").FillAsync("1.500.000.000");
        await Page.GetByLabel("Vốn tự có tham gia").FillAsync("500.000.000");
        await Page.GetByLabel("Số tiền đề nghị vay").FillAsync("1.000.000.000");
        await Page.GetByLabel("Thời hạn vay (tháng)").FillAsync("36");
        await Page.GetByLabel("Mô tả tài sản bảo đảm").FillAsync("Quyền sử dụng đất 1.000 m² tại phường Ea Kao");
        await Page.GetByLabel("Giá trị tài sản bảo đảm").FillAsync("1.800.000.000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp và tiếp tục" }).ClickAsync();
        await Page.WaitForURLAsync("**/htx/ho-so/lap/*?buoc=2");
        await Page.GetByLabel("Loại tài liệu").SelectOptionAsync("BusinessPlan");
        await Page.GetByLabel("Tệp (PDF, JPEG hoặc PNG)").SetInputFilesAsync(new FilePayload
        {
            Name = "phuong-an.pdf", MimeType = "application/pdf", Buffer = FileSamples.Pdf(),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Expect(Page.GetByTestId("documents")).ToContainTextAsync("phuong-an.pdf");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp tục" }).ClickAsync();
        await Expect(Page.GetByTestId("review-amount")).ToHaveTextAsync("1.000.000.000 ₫");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }).ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("Đã nộp, chờ thẩm định");
        (await FitsViewportWidth()).ShouldBeTrue();
    }
}
