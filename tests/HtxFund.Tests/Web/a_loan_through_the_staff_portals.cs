using System.Net.Http.Headers;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;
using static HtxFund.Tests.Web.Fixtures.LoanScenarios;
using static Microsoft.Playwright.Assertions;

namespace HtxFund.Tests.Web;

/// <summary>
/// The whole life of a loan clicked through the pages by different people: a cooperative applies with an attachment,
/// a credit officer appraises (limit checks computed by the server as the terms change), three board members approve,
/// the contract is recorded, an accountant prepares and the chief accountant confirms the disbursement, a repayment is
/// recorded and the cooperative sees its balance drop. Plus the four-eyes refusal as the preparer sees it.
/// </summary>
public sealed class a_loan_through_the_staff_portals(BrowserFixture fixture) : BrowserContext(fixture)
{
    private const long Amount = 1_200_000_000;

    /// <summary>The journey signs in ten times; on a loaded machine the first sign-in of a cold app can take longer
    /// than the fixture's 15 s, so these tests wait longer (still waiting for conditions, never sleeping).</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Context.SetDefaultTimeout(45_000);
    }

    private async Task As(string userName)
    {
        await Context.ClearCookiesAsync();
        await SignIn(userName);
    }

    private async Task ContributeCapital() =>
        await PostApi("/api/capital/contributions", new
        {
            amount = 20_000_000_000L, source = "Ngân sách tỉnh", decisionNumber = "1543/QĐ-UBND", decisionDate = "2026-01-10", valueDate = "2026-01-15",
        }, await TokenFor(Roles.ChiefAccountant));

    private async Task<string> NewStaff(string prefix, params string[] roles) =>
        await TestUsers.CreateStaffUserAsync(Fixture.Services, $"daklak.{prefix}{Guid.NewGuid():N}"[..30], roles);

    private async Task<T> GetApi<T>(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), TestJson.Options)!;
    }

    private ILocator Ok => Page.Locator(".alert-ok");

    [Fact]
    public async Task a_cooperative_applies_with_an_attachment_the_fund_appraises_approves_disburses_and_books_repayments_and_the_cooperative_sees_its_balance_drop()
    {
        await ContributeCapital();
        const string name = "Hợp tác xã Cà phê Cư M'gar";
        var (_, coopUser) = await CooperativeWithUser(name);
        var coop = await TokenForUser(coopUser);

        // The cooperative applies through its portal, in three steps, with its business plan attached.
        await As(coopUser);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Lập hồ sơ vay mới" }).ClickAsync();
        await Page.GetByLabel("Mục đích vay vốn").FillAsync("Mua máy sấy cà phê và mở rộng kho chứa");
        await Page.GetByLabel("Ngành, lĩnh vực").FillAsync("Chế biến cà phê");
        await Page.GetByLabel("Tổng mức đầu tư").FillAsync("3.000.000.000");
        await Page.GetByLabel("Vốn tự có tham gia").FillAsync("1.000.000.000");
        await Page.GetByLabel("Số tiền đề nghị vay").FillAsync("1.200.000.000");
        await Page.GetByLabel("Thời hạn vay (tháng)").FillAsync("36");
        await Page.GetByLabel("Mô tả tài sản bảo đảm").FillAsync("Quyền sử dụng đất 2.000 m² tại xã Cư M'gar");
        await Page.GetByLabel("Giá trị tài sản bảo đảm").FillAsync("2.500.000.000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp và tiếp tục" }).ClickAsync();
        await Page.WaitForURLAsync("**/htx/ho-so/lap/*?buoc=2");
        await Page.GetByLabel("Loại tài liệu").SelectOptionAsync("BusinessPlan");
        await Page.GetByLabel("Tệp (PDF, JPEG hoặc PNG)").SetInputFilesAsync(new FilePayload
            { Name = "phuong-an-kinh-doanh.pdf", MimeType = "application/pdf", Buffer = BusinessPlanPdf("Phuong an san xuat kinh doanh") });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Expect(Page.GetByTestId("documents")).ToContainTextAsync("phuong-an-kinh-doanh.pdf");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Tiếp tục" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }).ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("Đã nộp, chờ thẩm định");
        var fileNumber = new System.Text.RegularExpressions.Regex(@"^HS-2026-\d{5}$");
        await Expect(Page.GetByTestId("application-number")).ToHaveTextAsync(fileNumber); // the fund's register number, from the first submission
        var id = Guid.Parse(new Uri(Page.Url).Segments.Last().Trim('/'));

        // The credit officer finds it in the queue, opens the attachment in the browser and appraises it.
        await As(Officer);
        await Page.GotoAsync("/tin-dung");
        var row = Page.Locator("#queue tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("1.200.000.000 ₫");
        await Expect(row).ToContainTextAsync("HS-2026-");
        await Screenshots("credit-portal");
        await row.GetByRole(AriaRole.Link, new() { Name = "Mở hồ sơ" }).ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Đã nộp, chờ thẩm định");
        await Expect(Page.Locator("#application-number")).ToHaveTextAsync(fileNumber);
        var documentUrl = await Page.GetByRole(AriaRole.Link, new() { Name = "phuong-an-kinh-doanh.pdf" }).GetAttributeAsync("href");
        var document = await Page.APIRequest.GetAsync(documentUrl!);
        document.Headers["content-type"].ShouldBe("application/pdf");
        document.Headers["content-disposition"].ShouldStartWith("inline");

        await Page.GetByLabel("Lãi suất (%/năm)").FillAsync("6,5");
        await Page.GetByLabel("Số tiền cho vay (đồng)").FillAsync("1.200.000.000");
        await Page.GetByLabel("Thời hạn (tháng)").FillAsync("36");
        await Page.GetByLabel("Thời hạn (tháng)").PressAsync("Tab"); // "change": the server recomputes the limits and the schedule
        await Expect(Page.Locator("#limit-check .checks li")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#limit-check .checks li.fail")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#limit-check summary")).ToContainTextAsync("36 kỳ");
        await Page.GetByLabel("Đã kiểm tra đầy đủ hồ sơ, tài liệu").CheckAsync();
        await Page.GetByLabel("Tóm tắt phân tích tài chính").FillAsync("Doanh thu 4,5 tỷ đồng/năm; dòng tiền đủ trả nợ.");
        await Page.GetByLabel("Xếp hạng rủi ro").SelectOptionAsync("Medium");
        await Page.GetByLabel("Đề xuất", new() { Exact = true }).SelectOptionAsync("Approve");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả thẩm định" }).ClickAsync();
        await Expect(Ok).ToHaveTextAsync("Đã lưu kết quả thẩm định.");
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Đã thẩm định, chờ quyết định");

        // Three board members approve; the matrix's progress is shown after each vote.
        var board = new[] { BoardMember, await NewStaff("board", Roles.BoardMember), await NewStaff("board", Roles.BoardMember) };
        for (var i = 0; i < board.Length; i++)
        {
            await As(board[i]);
            await Page.GotoAsync($"/tin-dung/ho-so/{id}");
            await Expect(Page.Locator("#matrix-progress")).ToContainTextAsync($"Đã biểu quyết {i}/3");
            await Page.GetByLabel("Tán thành", new() { Exact = true }).CheckAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi biểu quyết" }).ClickAsync();
            await Expect(Ok).ToContainTextAsync("Đã ghi nhận biểu quyết");
        }
        await Expect(Ok).ToContainTextAsync("Hội đồng quản lý đã thông qua khoản vay.");
        await Expect(Page.Locator("#decision")).ToContainTextAsync("/QĐ-QHTX");
        // The letter is issued just after the decision commits: the page says so until then.
        await LetterIssued(id, await TokenFor(Roles.CreditOfficer));
        await Page.ReloadAsync();
        var letterUrl = await Page.GetByRole(AriaRole.Link, new() { Name = "Quyết định cho vay (PDF)" }).GetAttributeAsync("href");
        var letter = await Page.APIRequest.GetAsync(letterUrl!);
        letter.Headers["content-type"].ShouldBe("application/pdf");

        // The credit officer records the signed contract.
        var contractNumber = $"HĐ-{Guid.NewGuid().ToString("N")[..6]}/2026";
        await As(Officer);
        await Page.GotoAsync($"/tin-dung/ho-so/{id}");
        await Page.GetByLabel("Số hợp đồng").FillAsync(contractNumber);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận hợp đồng đã ký" }).ClickAsync();
        await Expect(Page.Locator("#contract")).ToContainTextAsync(contractNumber);

        // An accountant records the credit check and prepares the disbursement.
        await As(Accountant);
        await Page.GotoAsync("/tai-chinh");
        await Page.Locator("#to-prepare tbody tr").Filter(new() { HasText = contractNumber })
            .GetByRole(AriaRole.Link, new() { Name = "Lập đề nghị giải ngân" }).ClickAsync();
        await Page.GetByLabel("Nguồn (số, ngày báo cáo CIC)").FillAsync("CIC số 1234/2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận kết quả kiểm tra" }).ClickAsync();
        await Expect(Ok).ToHaveTextAsync("Đã ghi nhận kết quả kiểm tra thông tin tín dụng.");
        await Page.GetByLabel("Số tài khoản thụ hưởng").FillAsync("0123456789");
        await Page.GetByLabel("Ngân hàng thụ hưởng").FillAsync("Agribank Đắk Lắk");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lập đề nghị giải ngân" }).ClickAsync();
        await Expect(Ok).ToHaveTextAsync("Đã lập đề nghị giải ngân; chờ kế toán trưởng duyệt.");

        // The chief accountant sees who prepared it and confirms.
        await As(ChiefAccountant);
        await Page.GotoAsync("/tai-chinh");
        var pending = Page.Locator("#to-confirm tbody tr").Filter(new() { HasText = contractNumber });
        await Expect(pending.Locator(".preparer")).ToContainTextAsync(Accountant);
        await Screenshots("finance-portal");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Duyệt giải ngân" }).ClickAsync();
        await Expect(Ok).ToHaveTextAsync("Đã duyệt giải ngân 1.200.000.000 ₫.");

        // The cooperative sees the money it owes.
        await As(coopUser);
        await Page.GotoAsync($"/htx/khoan-vay/{id}");
        await Expect(Page.GetByTestId("outstanding")).ToHaveTextAsync("1.200.000.000 ₫");

        // The accountant records a repayment.
        await As(Accountant);
        await Page.GotoAsync($"/tai-chinh/khoan-vay/{id}");
        await Expect(Page.Locator("#outstanding")).ToHaveTextAsync("1.200.000.000 ₫");
        await Page.GetByLabel("Số tiền thu (đồng)").FillAsync("200.000.000");
        await Page.GetByLabel("Số chứng từ ngân hàng hoặc phiếu thu").FillAsync($"FT{Guid.NewGuid().ToString("N")[..10]}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu nợ" }).ClickAsync();
        await Expect(Ok).ToContainTextAsync("Đã ghi nhận thu nợ 200.000.000 ₫");
        await Expect(Page.Locator("#outstanding")).ToHaveTextAsync("1.000.000.000 ₫");

        // A bank statement: previewed first (nothing booked), then confirmed.
        var csv = $"ngày;số tiền;số tham chiếu;số hợp đồng;diễn giải\n22/11/2026;50000000;FT{Guid.NewGuid().ToString("N")[..10]};{contractNumber};HTX tra no\n" +
                  $"22/11/2026;1000000;FT{Guid.NewGuid().ToString("N")[..10]};HĐ-KHONG-CO;chuyen nham\n";
        await Page.GotoAsync("/tai-chinh/thu-no");
        await Page.GetByLabel("Tệp sao kê", new() { Exact = false }).SetInputFilesAsync(new FilePayload
            { Name = "saoke-22-11.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        await Expect(Page.Locator("#statement-summary")).ToHaveTextAsync("1 dòng khớp, 1 không khớp, 0 trùng, 0 đã ghi nhận.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận ghi nhận 1 khoản khớp" }).ClickAsync();
        await Expect(Ok).ToHaveTextAsync("Đã ghi nhận 1 khoản thu nợ, tổng 50.000.000 ₫.");
        await Expect(Page.Locator("#statement-summary")).ToHaveTextAsync("0 dòng khớp, 1 không khớp, 0 trùng, 1 đã ghi nhận.");

        // The portfolio as of today and the capital dashboard (charts drawn as SVG by the PDF chart code).
        await Page.GotoAsync("/tai-chinh/danh-muc");
        await Expect(Page.Locator("#portfolio tbody tr").Filter(new() { HasText = contractNumber })).ToContainTextAsync("950.000.000 ₫");
        await As(ChiefAccountant);
        await Page.GotoAsync("/tai-chinh/von");
        await Expect(Page.Locator(".chart-box svg")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#chart-groups svg")).ToHaveAttributeAsync("aria-label", "Dư nợ theo nhóm nợ");
        (await Page.Locator(".chart-box svg [style]").CountAsync()).ShouldBe(0, "the CSP allows no inline style");
        await Screenshots("finance-capital");
        await Page.GotoAsync("/tai-chinh/phan-loai-no");
        await Page.GetByLabel("Tháng").SelectOptionAsync("2026-10");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chạy phân loại nợ" }).ClickAsync();
        await Expect(Ok).ToContainTextAsync("Đã phân loại nợ tháng 2026-10");
        await Expect(Page.Locator("#runs tbody tr").Filter(new() { HasText = "2026-10" })).ToContainTextAsync("xong");

        // The cooperative sees its balance drop.
        await As(coopUser);
        await Page.GotoAsync($"/htx/khoan-vay/{id}");
        await Expect(Page.GetByTestId("outstanding")).ToHaveTextAsync("950.000.000 ₫");
        (await GetApi<JsonLoan>($"/api/loans/{id}", coop)).Position!.PrincipalOutstanding.ShouldBe(Amount - 250_000_000);
    }

    [Fact]
    public async Task an_accountant_who_prepared_a_tranche_and_tries_to_confirm_it_sees_the_vietnamese_four_eyes_refusal()
    {
        await ContributeCapital();
        var (_, coopUser) = await CooperativeWithUser("Hợp tác xã Rau an toàn Đức Trọng");
        var coop = await TokenForUser(coopUser);
        const long amount = 400_000_000; // the Director decides alone up to 500.000.000 ₫
        var id = await SubmittedWithAttachment(Api, PostApi, coop, amount);
        var officer = await TokenFor(Roles.CreditOfficer);
        await PostApi($"/api/applications/{id}/appraisal",
            WithVersion(HtxFund.Tests.Applications.Fixtures.ApplicationContext.Appraisal(amount), await ApplicationVersion(Api, id, officer)), officer);
        await PostApi($"/api/applications/{id}/decision", new { version = await ApplicationVersion(Api, id, officer), approve = true },
            await TokenFor(Roles.Director));
        await LetterIssued(id, officer);
        var contractNumber = $"HĐ-{Guid.NewGuid().ToString("N")[..6]}/2026";
        await PostApi($"/api/loans/{id}/contract", new { version = await LoanVersion(Api, id, officer), contractNumber, signedOn = "2026-11-22" }, officer);

        // One person holding both finance roles prepares the tranche...
        var both = await NewStaff("ketoan", Roles.Accountant, Roles.ChiefAccountant);
        var token = await TokenForUser(both);
        await PostApi($"/api/loans/{id}/credit-checks", new { version = await LoanVersion(Api, id, officer), result = "NoBadDebt",
            source = "CIC số 99/2026", checkedOn = "2026-11-22" }, token);
        await PostApi($"/api/loans/{id}/tranches", new { version = await LoanVersion(Api, id, officer), amount, valueDate = "2026-11-22",
            beneficiaryAccount = "0987654321", bankName = "Vietcombank Lâm Đồng", reference = $"Giải ngân hợp đồng {contractNumber}" }, token);

        // ...and the page lets them try to confirm it, but the server refuses and the page says why.
        await As(both);
        await Page.GotoAsync("/tai-chinh");
        var pending = Page.Locator("#to-confirm tbody tr").Filter(new() { HasText = contractNumber });
        await Expect(pending.Locator(".preparer")).ToContainTextAsync("do bạn lập");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Duyệt giải ngân" }).ClickAsync();
        var alert = Page.Locator("#to-confirm").GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Người lập đề nghị giải ngân không được tự duyệt đề nghị đó (nguyên tắc bốn mắt).");
        (await alert.GetAttributeAsync("data-problem-code")).ShouldBe("four_eyes.preparer_cannot_confirm");

        var loan = await GetApi<JsonLoan>($"/api/loans/{id}", token);
        loan.DisbursedAmount.ShouldBe(0);
    }

    [Fact]
    public async Task an_amount_above_the_payoff_is_refused_on_the_page_until_marked_as_an_overpayment_and_confirmed_by_another_person()
    {
        await ContributeCapital();
        var (_, coopUser) = await CooperativeWithUser("Hợp tác xã Chè Cầu Đất");
        var coop = await TokenForUser(coopUser);
        const long amount = 300_000_000;
        var id = await SubmittedWithAttachment(Api, PostApi, coop, amount);
        var officer = await TokenFor(Roles.CreditOfficer);
        await PostApi($"/api/applications/{id}/appraisal",
            WithVersion(HtxFund.Tests.Applications.Fixtures.ApplicationContext.Appraisal(amount), await ApplicationVersion(Api, id, officer)), officer);
        await PostApi($"/api/applications/{id}/decision", new { version = await ApplicationVersion(Api, id, officer), approve = true },
            await TokenFor(Roles.Director));
        await LetterIssued(id, officer);
        var contractNumber = $"HĐ-{Guid.NewGuid().ToString("N")[..6]}/2026";
        await PostApi($"/api/loans/{id}/contract", new { version = await LoanVersion(Api, id, officer), contractNumber, signedOn = "2026-11-22" }, officer);
        await PostApi($"/api/loans/{id}/credit-checks", new { version = await LoanVersion(Api, id, officer), result = "NoBadDebt",
            source = "CIC số 98/2026", checkedOn = "2026-11-22" }, officer);
        var accountant = await TokenFor(Roles.Accountant);
        var tranche = await PostApi($"/api/loans/{id}/tranches", new { version = await LoanVersion(Api, id, accountant), amount, valueDate = "2026-11-22",
            beneficiaryAccount = "0987654321", bankName = "Vietcombank Lâm Đồng", reference = $"Giải ngân hợp đồng {contractNumber}" }, accountant);
        var trancheId = (await Json(tranche)).GetProperty("trancheId").GetString();
        await PostApi($"/api/loans/{id}/tranches/{trancheId}/confirmation", new { }, await TokenFor(Roles.ChiefAccountant));

        // 2.100.000.000 ₫ typed for a loan that 300.000.000 ₫ settles: the page shows the server's refusal, nothing is booked.
        await As(Accountant);
        await Page.GotoAsync($"/tai-chinh/khoan-vay/{id}");
        await Page.GetByLabel("Số tiền thu (đồng)").FillAsync("2.100.000.000");
        await Page.GetByLabel("Số chứng từ ngân hàng hoặc phiếu thu").FillAsync($"FT{Guid.NewGuid().ToString("N")[..10]}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu nợ" }).ClickAsync();
        var refusal = Page.Locator("[data-problem-code='repayment.above_payoff']");
        await Expect(refusal).ToContainTextAsync("300.000.000 ₫");
        await Expect(Page.Locator("#outstanding")).ToHaveTextAsync("300.000.000 ₫");

        // Marked as an overpayment to refund, it waits for someone else.
        await Page.GetByLabel("Người vay nộp thừa", new() { Exact = false }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu nợ" }).ClickAsync();
        await Expect(Ok).ToContainTextAsync("chờ một người khác xác nhận");
        var row = Page.Locator("#pending-overpayments tbody tr");
        await Expect(row).ToContainTextAsync("1.800.000.000 ₫");
        await Expect(row).ToContainTextAsync("do bạn ghi nhận");
        await Expect(Page.Locator("#outstanding")).ToHaveTextAsync("300.000.000 ₫");

        // The chief accountant confirms it: booked, the loan settled, the excess owed back to the borrower.
        await As(ChiefAccountant);
        await Page.GotoAsync($"/tai-chinh/khoan-vay/{id}");
        await Page.Locator("#pending-overpayments").GetByRole(AriaRole.Button, new() { Name = "Xác nhận và ghi sổ" }).ClickAsync();
        await Expect(Ok).ToHaveTextAsync("Đã xác nhận và ghi sổ khoản thu 2.100.000.000 ₫; tiền thừa 1.800.000.000 ₫ phải hoàn trả người vay.");
        await Expect(Page.Locator("#pending-overpayments")).ToHaveCountAsync(0);
        (await GetApi<JsonLoan>($"/api/loans/{id}", accountant)).Position!.PrincipalOutstanding.ShouldBe(0);
    }

    private static System.Text.Json.Nodes.JsonObject WithVersion(object body, long version)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, TestJson.Options)!.AsObject();
        json["version"] = version;
        return json;
    }

    public sealed record JsonPosition(long PrincipalOutstanding);
    public sealed record JsonLoan(JsonPosition? Position, long DisbursedAmount);
}
