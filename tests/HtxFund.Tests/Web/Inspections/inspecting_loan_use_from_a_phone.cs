using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Files;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;
using NodaTime;

namespace HtxFund.Tests.Web.Inspections;

/// <summary>The officer on a phone (390 × 844): the overdue inspection is flagged on the list, a photo taken with the camera
/// is uploaded, the visit recorded, and the page never scrolls sideways.</summary>
public sealed class inspecting_loan_use_from_a_phone(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task the_officer_opens_the_overdue_inspection_uploads_a_photo_and_records_the_visit()
    {
        var name = $"Hợp tác xã Sầu riêng Krông Pắc {Random.Shared.Next(1000, 9999)}";
        var (loanId, _) = await DisbursedLoanOf(name); // 400.000.000 ₫ disbursed 22/11/2026: inspection due 22/12/2026
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/loans/{loanId}/inspections");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(Roles.CreditOfficer));
        var list = await (await Api.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var inspectionId = list.EnumerateArray().Single().GetProperty("id").GetString();
        Fixture.Clock.Reset(Instant.FromUtc(2027, 1, 5, 3, 0)); // 05/01/2027: 14 days overdue
        try
        {
            await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            await SignIn(LoanScenarios.Officer);
            await Page.GotoAsync("/kiem-tra-su-dung-von?overdue=true");
            var row = Page.GetByTestId("inspection-row").Filter(new() { HasText = name });
            await Expect(row.GetByTestId("overdue")).ToHaveTextAsync("Quá hạn 14 ngày");
            (await FitsViewportWidth()).ShouldBeTrue();
            await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/kiem-tra-su-dung-von/{inspectionId}$"));
            await Expect(Page.GetByTestId("overdue")).ToHaveTextAsync("Quá hạn 14 ngày");

            await Page.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "anh-kho.jpg", MimeType = "image/jpeg", Buffer = FileSamples.Jpeg() });
            await Page.GetByRole(AriaRole.Button, new() { Name = "Tải ảnh lên" }).ClickAsync();
            await Expect(Page.GetByTestId("done")).ToHaveTextAsync("Đã thêm 1 ảnh.");
            await Expect(Page.GetByTestId("photo")).ToHaveCountAsync(1);

            await Page.GetByLabel("Địa điểm kiểm tra").FillAsync("Vườn sầu riêng của HTX, xã Ea Phê");
            await Page.GetByLabel("Kết quả kiểm tra").FillAsync("Đã mua phân bón và hệ thống tưới theo phương án vay.");
            await Page.GetByLabel("Họ tên người đại diện bên vay").FillAsync("Y Bhin Niê");
            await Page.GetByLabel("Chức vụ").FillAsync("Giám đốc HTX");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Lập biên bản" }).ClickAsync();

            await Expect(Page.GetByTestId("done")).ToHaveTextAsync("Đã lập biên bản kiểm tra sử dụng vốn vay.");
            await Expect(Page.GetByTestId("state")).ToHaveTextAsync("Đã lập biên bản");
            await Expect(Page.GetByTestId("used-as-stated")).ToHaveTextAsync("Có");
            await Expect(Page.GetByTestId("overdue")).ToHaveCountAsync(0);
            var minutes = await Page.APIRequest.GetAsync((await Page.GetByTestId("minutes").GetAttributeAsync("href"))!);
            minutes.Status.ShouldBe(200);
            System.Text.Encoding.ASCII.GetString((await minutes.BodyAsync())[..5]).ShouldBe("%PDF-");
            (await FitsViewportWidth()).ShouldBeTrue();
            await Screenshots("loan-use-inspection");

            // the loan page lists its inspections
            await Page.GotoAsync($"/tin-dung/khoan-vay/{loanId}");
            await Expect(Page.GetByTestId("loan-inspections").GetByTestId("inspection-row")).ToContainTextAsync("Đã lập biên bản");
        }
        finally
        {
            Fixture.Clock.Reset(AppFixture.Start);
        }
    }
}
