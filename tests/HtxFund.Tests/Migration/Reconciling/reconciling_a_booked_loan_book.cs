using Alba;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Migration;
using HtxFund.Migration.Booking;
using HtxFund.Tests.Migration.Booking.Support;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Migration.Reconciling;

public sealed class reconciling_a_booked_loan_book(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>A file of 8 loans (one of each state) whose own figures are off for two loans: the first loan's principal
    /// by 1 đồng, the late loan of group 3 stated as group 2.</summary>
    private async Task<(LoanBookImport Import, LoanBookFile File)> BookedWithTwoDifferences()
    {
        var model = MixedLoanBook.Build(8, LoanBookImports.NewSha256(), cooperatives: 1);
        var loans = model.Loans.ToList();
        loans[0] = loans[0] with { ExpectedPrincipalOutstanding = loans[0].ExpectedPrincipalOutstanding + 1 };
        loans[2].ExpectedDebtGroup.ShouldBe(DebtGroup.Group3);
        loans[2] = loans[2] with { ExpectedDebtGroup = DebtGroup.Group2 };
        var file = model with { Loans = loans };
        var import = await LoanBookImports.StoreAsync(Host.Services, FundA, file,
            await LoanBookImports.UserIdAsync(Host.Services, UserName(FundA, Roles.Accountant)));
        var confirmed = await PostWithoutBody($"/api/loan-book/imports/{import.Id}/confirm", await TokenFor(Roles.ChiefAccountant));
        confirmed.Context.Response.StatusCode.ShouldBe(200, await confirmed.ReadAsTextAsync());
        return (import, file);
    }

    [Fact]
    public async Task the_loans_whose_figures_differ_from_the_file_are_listed_with_both_figures_and_the_totals_side_by_side()
    {
        var (import, file) = await BookedWithTwoDifferences();

        var result = await Get($"/api/loan-book/imports/{import.Id}/reconciliation", await TokenFor(Roles.Director));

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var r = await result.Read<LoanBookReconciliation>();
        r.Reconciles.ShouldBeFalse();
        r.CutOver.ShouldBe(MixedLoanBook.CutOver);
        r.Loans.ShouldBe(8);
        r.FilePrincipalOutstanding.ShouldBe(r.FundPrincipalOutstanding + 1);
        r.FileInterestOwed.ShouldBe(r.FundInterestOwed);
        r.Differences.Count.ShouldBe(2);
        var principal = r.Differences.Single(d => d.ContractNumber == file.Loans[0].ContractNumber);
        principal.FilePrincipalOutstanding.ShouldBe(principal.FundPrincipalOutstanding + 1);
        principal.FileDebtGroup.ShouldBe(principal.FundDebtGroup);
        principal.LoanId.ShouldBe(LoanBookIds.Loan(FundA, file.Loans[0].ContractNumber));
        var group = r.Differences.Single(d => d.ContractNumber == file.Loans[2].ContractNumber);
        (group.FileDebtGroup, group.FundDebtGroup).ShouldBe((DebtGroup.Group2, DebtGroup.Group3));
        group.Row.ShouldBe(file.Loans[2].Row);
    }

    [Fact]
    public async Task the_reconciliation_downloads_as_csv_for_a_spreadsheet()
    {
        var (import, file) = await BookedWithTwoDifferences();

        var result = await Get($"/api/loan-book/imports/{import.Id}/reconciliation.csv", await TokenFor(Roles.Accountant));

        result.Context.Response.StatusCode.ShouldBe(200);
        result.Context.Response.ContentType!.ShouldStartWith("text/csv");
        var lines = (await result.ReadAsTextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Số hợp đồng;Dòng;Dư nợ gốc theo tệp;");
        lines[1].ShouldStartWith("Tổng cộng (8 khoản vay);;");
        lines.Length.ShouldBe(4);
        lines[2..].ShouldContain(l => l.StartsWith($"{file.Loans[2].ContractNumber};{file.Loans[2].Row};") && l.EndsWith(";2;3"));
    }

    [Fact]
    public async Task the_reconciliation_page_shows_the_totals_and_the_loans_that_differ()
    {
        var (import, file) = await BookedWithTwoDifferences();
        var page = await PageSession.SignInAsync(Host, UserName(FundA, Roles.ChiefAccountant), Password, NextClientAddress());

        var html = await page.OpenAsync($"/tai-chinh/nhap-so-vay/{import.Id}/doi-chieu");

        html.ShouldContain("Có khoản vay chênh lệch giữa tệp và quỹ");
        html.ShouldContain(file.Loans[0].ContractNumber);
        html.ShouldContain(file.Loans[2].ContractNumber);
        html.ShouldNotContain(file.Loans[1].ContractNumber);
        html.ShouldContain(HtxFund.Web.Display.Money(file.Loans[0].ExpectedPrincipalOutstanding));
        html.ShouldContain($"/api/loan-book/imports/{import.Id}/reconciliation.csv");
    }

    [Fact]
    public async Task an_import_not_booked_yet_has_no_reconciliation_and_another_funds_or_a_cooperatives_user_gets_none()
    {
        var (booked, _) = await BookedWithTwoDifferences();
        var notBooked = await LoanBookImports.StoreAsync(Host.Services, FundA, MixedLoanBook.Build(1, LoanBookImports.NewSha256(), cooperatives: 1),
            await LoanBookImports.UserIdAsync(Host.Services, UserName(FundA, Roles.Accountant)));

        await (await Get($"/api/loan-book/imports/{notBooked.Id}/reconciliation", await TokenFor(Roles.Accountant)))
            .ShouldBeRefusal(409, "loan_book.not_booked");
        await (await Get($"/api/loan-book/imports/{booked.Id}/reconciliation", await TokenFor(Roles.Accountant, FundB)))
            .ShouldBeRefusal(404, "loan_book.import_not_found");
        await (await Get($"/api/loan-book/imports/{booked.Id}/reconciliation.csv", await TokenFor(Roles.ChiefAccountant, FundB)))
            .ShouldBeRefusal(404, "loan_book.import_not_found");
        (await Get($"/api/loan-book/imports/{booked.Id}/reconciliation", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
    }
}
