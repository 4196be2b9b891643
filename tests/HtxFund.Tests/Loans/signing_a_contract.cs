using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Loans;

public sealed class signing_a_contract(AppFixture fixture) : LoanContext(fixture)
{
    [Fact]
    public async Task the_contract_freezes_the_engines_schedule_and_its_pdf_carries_the_schedule_annex_on_every_page()
    {
        var id = await Approved(400_000_000, termMonths: 84);
        (await Capital()).Committed.Dong.ShouldBe(400_000_000); // approved, not yet signed

        await Ok(LoanPost(id, "contract", ContractBody("15/2026/HĐTD", amount: 350_000_000), await TokenFor(Roles.Director)));

        var loan = await Loan(id);
        loan.Stage.ShouldBe(LoanStage.Contracted);
        loan.ContractNumber.ShouldBe("15/2026/HĐTD");
        loan.ApprovedAmount.ShouldBe(400_000_000);
        loan.ContractedAmount.ShouldBe(350_000_000);
        loan.UndisbursedAmount.ShouldBe(350_000_000);
        var contract = loan.Contract!;
        contract.Schedule.Count.ShouldBe(84);
        contract.Schedule.Sum(r => r.Principal).ShouldBe(350_000_000);
        contract.Schedule[^1].BalanceAfter.ShouldBe(0);
        contract.PolicyVersion.ShouldBe(1);
        contract.Terms.AnnualRatePercent.ShouldBe(6m);
        loan.History.Last().Action.ShouldBe("contract_signed");
        loan.History.Last().Description.ShouldContain("15/2026/HĐTD");
        (await Capital()).Committed.Dong.ShouldBe(350_000_000);

        var download = await Get($"/api/loans/{id}/contract", Coop);
        download.Context.Response.StatusCode.ShouldBe(200, await download.ReadAsTextAsync());
        download.Context.Response.ContentType.ShouldBe("application/pdf");
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        var pages = PdfTools.Pages(bytes.ToArray());
        var text = string.Join("\f", pages);
        text.ShouldContain("HỢP ĐỒNG TÍN DỤNG");
        text.ShouldContain("Hợp tác xã Nông nghiệp Cà phê Ea Tu");
        text.ShouldContain("350.000.000 ₫");
        text.ShouldContain(Money.Of(350_000_000).ToVietnameseWords());

        var annexStart = Array.FindIndex(pages, p => p.Contains("Phụ lục: Lịch trả nợ"));
        annexStart.ShouldBeGreaterThan(0);
        var annex = pages[annexStart..];
        annex.Length.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var page in annex)
        {
            page.ShouldContain("Ngày đến hạn");
            page.ShouldContain("Dư nợ còn lại");
        }
        var annexText = string.Join("\f", annex);
        foreach (var row in contract.Schedule)
            annexText.ShouldContain(row.DueDate.ToString("dd/MM/yyyy", null));

        (await Get($"/api/loans/{id}/contract", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(200);
        (await Get($"/api/loans/{id}/contract", await AnotherCooperative())).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task the_contract_names_the_director_as_the_lenders_representative_and_states_every_rate()
    {
        var director = Host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[$"HtxFund:Letterheads:{FundA}:Director"];
        director.ShouldNotBeNullOrWhiteSpace("the test environment configures the Director of the fund (appsettings.Development.json)");
        var id = await Approved(400_000_000);

        await Ok(LoanPost(id, "contract", ContractBody("16/2026/HĐTD"), await TokenFor(Roles.CreditOfficer)));

        var download = await Get($"/api/loans/{id}/contract", Coop);
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        var text = System.Text.RegularExpressions.Regex.Replace(PdfTools.Text(bytes.ToArray()), @"\s+", " ");
        var lender = text[text.IndexOf("BÊN CHO VAY (Bên A)", StringComparison.Ordinal)..text.IndexOf("BÊN VAY (Bên B)", StringComparison.Ordinal)];
        lender.ShouldContain($"Người đại diện: {director}");
        lender.ShouldContain("Chức vụ:");
        lender.ShouldContain("Giám đốc");
        text.ShouldNotContain(UserName(FundA, Roles.CreditOfficer), customMessage: "the credit officer who recorded the contract does not represent the lender");
        text.ShouldContain("ĐẠI DIỆN BÊN A");
        text.ShouldContain("Lãi suất cho vay:");
        text.ShouldContain("6 %/năm");
        text.ShouldContain("Lãi suất nợ gốc quá hạn:");
        text.ShouldContain("9 %/năm (bằng 150 % lãi suất cho vay trong hạn)");
        text.ShouldContain("Lãi chậm trả tiền lãi:");
        text.ShouldContain("10 %/năm trên số tiền lãi chậm trả, tính theo số ngày chậm trả");
    }

    [Fact]
    public async Task terms_beyond_the_approval_are_refused_and_append_nothing()
    {
        var id = await Approved(400_000_000);
        var officer = await TokenFor(Roles.CreditOfficer);
        var events = await EventCount();

        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", amount: 400_000_001), officer), 422, "contract.amount_above_approval");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", termMonths: 48), officer), 422, "contract.term_above_approval");
        await ExpectRefusal(await LoanPost(id, "contract", new { contractNumber = "1/HĐ", signedOn = Today, annualRatePercent = 5.5m }, officer),
            422, "contract.rate_differs_from_approval");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", signedOn: "2026-11-21"), officer), 400, "signed_on.before_decision");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", signedOn: "2026-11-23"), officer), 400, "signed_on.in_future");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody(""), officer), 400, "contract_number.required");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_contract_number_is_used_once_in_the_fund_and_a_loan_is_signed_once()
    {
        var first = await Approved(300_000_000);
        var second = await Approved(200_000_000, coopToken: await AnotherCooperative());
        await Contracted(first, "22/2026/HĐTD");

        await ExpectRefusal(await LoanPost(second, "contract", ContractBody("22/2026/HĐTD"), await TokenFor(Roles.CreditOfficer)), 409, "contract.number_taken");
        await ExpectRefusal(await LoanPost(first, "contract", ContractBody("23/2026/HĐTD"), await TokenFor(Roles.CreditOfficer)), 409, "contract.already_signed");
        await Contracted(second, "23/2026/HĐTD");
    }

    [Fact]
    public async Task only_staff_who_sign_contracts_may_and_only_in_their_fund_and_on_the_current_version()
    {
        var id = await Approved();
        (await LoanPost(id, "contract", ContractBody("3/HĐ"), await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        (await LoanPost(id, "contract", ContractBody("3/HĐ"), Coop)).Context.Response.StatusCode.ShouldBe(403);
        await ExpectRefusal(await Post($"/api/loans/{id}/contract", new { version = 1, contractNumber = "3/HĐ", signedOn = Today },
            await TokenFor(Roles.CreditOfficer, FundB)), 404, "loan.not_found");

        var version = (await Loan(id)).Version;
        await CreditChecked(id);
        var stale = await Post($"/api/loans/{id}/contract", new { version, contractNumber = "3/HĐ", signedOn = Today }, await TokenFor(Roles.CreditOfficer));
        await ExpectRefusal(stale, 409, "loan.version_conflict");
        (await stale.ReadJson()).GetProperty("currentVersion").GetInt64().ShouldBe(version + 1);

        var pending = await Submitted();
        await ExpectRefusal(await Post($"/api/loans/{pending}/contract", new { version = 2, contractNumber = "4/HĐ", signedOn = Today },
            await TokenFor(Roles.CreditOfficer)), 404, "loan.not_found");
        (await Get($"/api/loans/{pending}", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(404);
    }
}
