using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Files;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class the_cooperative_portal(BrowserFixture fixture) : BrowserContext(fixture)
{
    private async Task FillRequest(string amount)
    {
        await Page.GetByLabel("Mục đích vay vốn").FillAsync("Mua máy sấy cà phê và mở rộng kho chứa");
        await Page.GetByLabel("Ngành, lĩnh vực").FillAsync("Chế biến cà phê");
        await Page.GetByLabel("Tổng mức đầu tư").FillAsync("3.000.000.000");
        await Page.GetByLabel("Vốn tự có tham gia").FillAsync("1000000000");
        await Page.GetByLabel("Số tiền đề nghị vay").FillAsync(amount);
        await Page.GetByLabel("Thời hạn vay (tháng)").FillAsync("36");
        await Page.GetByLabel("Mô tả tài sản bảo đảm").FillAsync("Quyền sử dụng đất 2.000 m² tại xã Ea Tu");
        await Page.GetByLabel("Giá trị tài sản bảo đảm").FillAsync("2.500.000.000");
    }

    [Fact]
    public async Task a_cooperative_applies_in_three_steps_with_an_attachment_and_sees_it_submitted_in_its_list()
    {
        var (_, user) = await CooperativeWithUser();
        await SignIn(user);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Lập hồ sơ vay mới" }).ClickAsync();

        // Step 1: the request, with the schedule preview following the terms as they are typed.
        await FillRequest("2.000.000.000");
        await Page.GetByLabel("Lãi suất tham khảo (%/năm)").FillAsync("6,5");
        await Expect(Page.GetByTestId("preview-count")).ToHaveTextAsync("36");
        await Expect(Page.GetByTestId("preview-principal")).ToHaveTextAsync("2.000.000.000 ₫");
        await Page.GetByLabel("Thời hạn vay (tháng)").FillAsync("24");
        await Expect(Page.GetByTestId("preview-count")).ToHaveTextAsync("24");
        var interestMonthly = await Page.GetByTestId("preview-interest").InnerTextAsync();
        await Page.GetByLabel("Kỳ hạn trả nợ").SelectOptionAsync("Quarterly");
        await Expect(Page.GetByTestId("preview-count")).ToHaveTextAsync("8");
        await Page.GetByLabel("Phương thức trả nợ").SelectOptionAsync("Bullet");
        await Expect(Page.GetByTestId("preview-interest")).Not.ToHaveTextAsync(interestMonthly);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp và tiếp tục" }).ClickAsync();

        // Step 2: a document.
        await Page.WaitForURLAsync("**/htx/ho-so/lap/*?buoc=2");
        await Expect(Page.GetByTestId("no-documents")).ToBeVisibleAsync();
        await Page.GetByLabel("Loại tài liệu").SelectOptionAsync("BusinessPlan");
        await Page.GetByLabel("Tệp (PDF, JPEG hoặc PNG)").SetInputFilesAsync(new FilePayload
        {
            Name = "phuong-an-kinh-doanh.pdf", MimeType = "application/pdf", Buffer = FileSamples.Pdf(),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Expect(Page.GetByTestId("documents")).ToContainTextAsync("phuong-an-kinh-doanh.pdf");

        // Step 3: review and submit.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp tục" }).ClickAsync();
        await Expect(Page.GetByTestId("review-amount")).ToHaveTextAsync("2.000.000.000 ₫");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }).ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("Đã nộp, chờ thẩm định");
        await Expect(Page.GetByTestId("documents")).ToContainTextAsync("phuong-an-kinh-doanh.pdf");
        // the fund's next number: other browser tests of the collection may have filed applications in fund A before this one
        await Expect(Page.GetByTestId("application-number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^HS-2026-\d{5}$"));
        var number = await Page.GetByTestId("application-number").InnerTextAsync();
        await Expect(Page.GetByTestId("timeline")).ToContainTextAsync($"Nộp hồ sơ vay cho quỹ; quỹ tiếp nhận hồ sơ số {number}.");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Hồ sơ vay" }).ClickAsync();
        var row = Page.GetByTestId("applications").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("2.000.000.000 ₫");
        await Expect(row).ToContainTextAsync("Đã nộp, chờ thẩm định");
        await Expect(row).ToContainTextAsync(number);
    }

    [Fact]
    public async Task a_refused_request_shows_the_vietnamese_error_next_to_the_amount_and_stores_nothing()
    {
        var (_, user) = await CooperativeWithUser();
        await SignIn(user);
        await Page.GotoAsync("/htx/ho-so/lap");
        await FillRequest("2.500.000.000"); // more than investment minus own equity (2.000.000.000)
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp và tiếp tục" }).ClickAsync();

        var amount = Page.GetByLabel("Số tiền đề nghị vay");
        await Expect(Page.Locator("[data-valmsg-for='Input.Amount']")).ToHaveTextAsync(
            "Số tiền vay không được vượt quá phần vốn còn thiếu (tổng mức đầu tư trừ vốn tự có).");
        await Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(amount).ToHaveValueAsync("2.500.000.000");
        Page.Url.ShouldEndWith("/htx/ho-so/lap?handler=Save");

        await Page.GotoAsync("/htx/ho-so");
        await Expect(Page.GetByText("Chưa có hồ sơ vay nào.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_malformed_amount_is_a_field_error_not_a_guess()
    {
        var (_, user) = await CooperativeWithUser();
        await SignIn(user);
        await Page.GotoAsync("/htx/ho-so/lap");
        await FillRequest("1.5");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp và tiếp tục" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Amount']")).ToHaveTextAsync(HtxFund.Web.MoneyModelBinder.Invalid);
    }

    [Fact]
    public async Task a_user_of_one_cooperative_cannot_open_another_cooperatives_application()
    {
        var (_, other) = await CooperativeWithUser("Hợp tác xã Cà phê Bí Mật");
        var draft = await PostApi("/api/applications", new { request = ApplicationContext.Request() }, await TokenForUser(other));
        var id = draft.Headers.Location!.ToString().Split('/').Last();

        var (_, user) = await CooperativeWithUser();
        await SignIn(user);
        foreach (var url in new[] { $"/htx/ho-so/{id}", $"/htx/ho-so/lap/{id}", $"/htx/ho-so/lap/{id}?buoc=3" })
        {
            var response = await Page.GotoAsync(url);
            response!.Status.ShouldBe(404, url);
            await Expect(Page.Locator("h1")).ToHaveTextAsync("Không tìm thấy");
            (await Page.ContentAsync()).ShouldNotContain("Bí Mật");
            (await Page.ContentAsync()).ShouldNotContain("máy sấy");
        }
        var document = await Page.APIRequest.GetAsync($"/api/applications/{id}");
        document.Status.ShouldBe(404);
    }

    [Fact]
    public async Task a_returned_application_shows_what_the_fund_asks_and_the_answer_resubmits_it()
    {
        var (_, user) = await CooperativeWithUser();
        var coop = await TokenForUser(user);
        var draft = await PostApi("/api/applications", new { request = ApplicationContext.Request() }, coop);
        var id = draft.Headers.Location!.ToString().Split('/').Last();
        await PostApi($"/api/applications/{id}/submit", new { version = await VersionOf(id, coop) }, coop);
        await PostApi($"/api/applications/{id}/return",
            new { version = await VersionOf(id, coop), questions = "Bổ sung báo cáo tài chính năm 2025 đã kiểm toán." },
            await TokenFor(Roles.CreditOfficer));

        await SignIn(user);
        await Page.GotoAsync("/htx");
        await Expect(Page.GetByText("Có hồ sơ quỹ yêu cầu bổ sung thông tin.")).ToBeVisibleAsync();
        await Page.GotoAsync("/htx/ho-so");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Bổ sung theo yêu cầu của quỹ" }).ClickAsync();
        await Expect(Page.GetByTestId("questions")).ToHaveTextAsync("Bổ sung báo cáo tài chính năm 2025 đã kiểm toán.");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Nộp lại hồ sơ" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='response']")).ToContainTextAsync("Vui lòng trả lời yêu cầu bổ sung của quỹ");

        await Page.GetByLabel("Trả lời của hợp tác xã").FillAsync("Đã đính kèm báo cáo tài chính 2025 có kiểm toán.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Nộp lại hồ sơ" }).ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("Đã nộp, chờ thẩm định");
        await Expect(Page.GetByTestId("timeline")).ToContainTextAsync("Nộp lại hồ sơ đã bổ sung: Đã đính kèm báo cáo tài chính 2025 có kiểm toán.");
    }

    [Fact]
    public async Task the_main_page_profile_and_loans_fit_a_phone_and_are_captured_at_both_widths()
    {
        var (_, user) = await CooperativeWithUser();
        var coop = await TokenForUser(user);
        await PostApi("/api/applications", new { request = ApplicationContext.Request() }, coop);
        await SignIn(user);

        await Expect(Page.GetByTestId("application-count")).ToHaveTextAsync("1");
        var shots = await Screenshots("cooperative-main");
        File.Exists(shots.Desktop).ShouldBeTrue();
        File.Exists(shots.Phone).ShouldBeTrue();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        (await FitsViewportWidth()).ShouldBeTrue();

        await Page.GotoAsync("/htx/thong-tin");
        await Page.GetByLabel("Họ và tên (hoặc tên doanh nghiệp)").FillAsync("Nguyễn Thị Hoa");
        await Page.GetByLabel("Số căn cước công dân (12 chữ số)").FillAsync("066123456789");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên" }).ClickAsync();
        await Expect(Page.GetByTestId("members")).ToContainTextAsync("Nguyễn Thị Hoa");
        (await FitsViewportWidth()).ShouldBeTrue();

        await Page.GotoAsync("/htx/ho-so/lap");
        (await FitsViewportWidth()).ShouldBeTrue();
        await Screenshots("cooperative-apply");
    }

    private async Task<long> VersionOf(string id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{id}");
        request.Headers.Authorization = new("Bearer", token);
        var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application").GetProperty("version").GetInt64();
    }
}
