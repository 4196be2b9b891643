using HtxFund.Accounting.Reading;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Accounting.Reading;

/// <summary>The journal, the ledgers, the trial balance and the borrower's sub-ledger of a charter contribution, a
/// disbursement and a repayment made through the API and journalled by the projection (figures by hand:
/// 1121 = 20,000,000,000 − 150,000,000 + 10,000,000; 1283 = 150,000,000 − 10,000,000).</summary>
public sealed class reading_the_books(AppFixture fixture) : BooksContext(fixture)
{
    private const string November = "from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task the_journal_the_ledgers_the_trial_balance_and_the_borrowers_ledger_show_the_three_movements()
    {
        await GivenAContributionADisbursementAndARepayment();

        var year = await Books<JournalPage>("/api/accounting/journal?from=2026-01-01&to=2026-12-31&pageSize=100");
        year.TotalLines.ShouldBe(6);
        (year.TotalDebit, year.TotalCredit).ShouldBe((Charter + Disbursement + Repayment, Charter + Disbursement + Repayment));
        var charter = year.Lines.Take(2).ToList();
        charter.Select(l => (l.PostingDate, l.Account, l.CounterAccount, l.Debit, l.Credit)).ShouldBe(
        [
            (new LocalDate(2026, 1, 15), "1121", "4111", Charter, 0L), (new LocalDate(2026, 1, 15), "4111", "1121", 0L, Charter),
        ]);
        charter.ShouldAllBe(l => l.VoucherNumber == "BC202601-0001" && l.ObjectId == null);
        var november = year.Lines.Skip(2).ToList();
        november.ShouldAllBe(l => l.PostingDate == new LocalDate(2026, 11, 22) && l.ObjectId == CooperativeId && l.ObjectName == Borrower);
        // posting date, then voucher number: the money in (BC) before the money out (BN) of the same day
        november.Select(l => (l.VoucherNumber, l.LineNo, l.Account, l.Debit, l.Credit)).ShouldBe(
        [
            ("BC202611-0001", 1, "1121", Repayment, 0L), ("BC202611-0001", 2, "1283", 0L, Repayment),
            ("BN202611-0001", 1, "1283", Disbursement, 0L), ("BN202611-0001", 2, "1121", 0L, Disbursement),
        ]);

        var cash = await Books<AccountLedgerReport>($"/api/accounting/ledger/1121?{November}", Roles.Director);
        cash.Opening.ShouldBe(Charter);
        cash.Lines.Select(l => (l.VoucherNumber, l.CounterAccount, l.Debit, l.Credit, l.Balance)).ShouldBe(
        [
            ("BC202611-0001", "1283", Repayment, 0L, 20_010_000_000L), ("BN202611-0001", "1283", 0L, Disbursement, 19_860_000_000L),
        ]);
        (cash.PeriodDebit, cash.PeriodCredit, cash.Closing, cash.ClosingDebit).ShouldBe((Repayment, Disbursement, 19_860_000_000L, 19_860_000_000L));

        var trial = await Books<TrialBalanceReport>($"/api/accounting/trial-balance?{November}", Roles.Chairman);
        trial.Rows.Select(r => (r.Account, r.OpeningDebit, r.OpeningCredit, r.PeriodDebit, r.PeriodCredit, r.ClosingDebit, r.ClosingCredit)).ShouldBe(
        [
            ("1121", Charter, 0L, Repayment, Disbursement, 19_860_000_000L, 0L),
            ("1283", 0L, 0L, Disbursement, Repayment, 140_000_000L, 0L),
            ("4111", 0L, Charter, 0L, 0L, 0L, Charter),
        ]);
        trial.Totals.ShouldBe(new(Charter, Charter, Disbursement + Repayment, Disbursement + Repayment, Charter, Charter));
        trial.OffBalanceRows.ShouldBeEmpty();
        trial.Balanced.ShouldBeTrue();
        trial.SetupVersion.ShouldBe(1);

        var borrowers = await Books<BorrowerList>("/api/accounting/borrowers?asOf=2026-11-30", Roles.Accountant);
        var borrower = borrowers.Borrowers.ShouldHaveSingleItem();
        (borrower.ObjectId, borrower.Name).ShouldBe((CooperativeId, Borrower));
        borrower.ContractNumbers.ShouldBe([Contract]);
        borrower.Balances.Single(b => b.Account == "1283").Balance.ShouldBe(140_000_000);
        borrower.Balances.Where(b => b.Account != "1283").ShouldAllBe(b => b.Balance == 0);
        borrowers.Accounts.Select(a => a.Number).ShouldBe(["1283", "13881", "13882", "33881", "0041", "0042"]);

        var sub = await Books<BorrowerLedgerReport>($"/api/accounting/borrowers/{CooperativeId}/ledger?{November}");
        sub.Name.ShouldBe(Borrower);
        var loans = sub.Accounts.Single(a => a.Account == "1283");
        (loans.Opening, loans.PeriodDebit, loans.PeriodCredit, loans.Closing).ShouldBe((0L, Disbursement, Repayment, 140_000_000L));
        loans.Lines.Select(l => l.Balance).ShouldBe([-Repayment, 140_000_000L], "posting order: the repayment's voucher (BC) sorts before the disbursement's (BN)");
        sub.Accounts.Where(a => a.Account != "1283").ShouldAllBe(a => a.Lines.Count == 0 && a.Closing == 0);

        var december = await Books<BorrowerLedgerReport>($"/api/accounting/borrowers/{CooperativeId}/ledger?from=2026-12-01&to=2026-12-31");
        december.Accounts.Single(a => a.Account == "1283").Opening.ShouldBe(140_000_000, "November's closing balance is brought forward");
    }

    [Fact]
    public async Task another_funds_reader_sees_none_of_it()
    {
        await GivenAContributionADisbursementAndARepayment();

        var journal = await Books<JournalPage>("/api/accounting/journal?from=2026-01-01&to=2026-12-31", fund: FundB);
        (journal.TotalLines, journal.TotalDebit).ShouldBe((0L, 0L));
        (await Books<TrialBalanceReport>($"/api/accounting/trial-balance?{November}", fund: FundB)).Rows.ShouldBeEmpty();
        (await Books<BorrowerList>("/api/accounting/borrowers", fund: FundB)).Borrowers.ShouldBeEmpty();
        (await Books<AccountLedgerReport>($"/api/accounting/ledger/1121?{November}", fund: FundB)).Lines.ShouldBeEmpty();
        await (await Get($"/api/accounting/borrowers/{CooperativeId}/ledger?{November}", await TokenFor(Roles.ChiefAccountant, FundB)))
            .ShouldBeRefusal(404, "accounting.object_unknown");
    }

    [Theory]
    [InlineData("/api/accounting/journal")]
    [InlineData("/api/accounting/ledger/1121")]
    [InlineData("/api/accounting/trial-balance")]
    [InlineData("/api/accounting/borrowers")]
    [InlineData("/api/accounting/exports/misa")]
    public async Task only_the_books_readers_read_them(string url)
    {
        foreach (var role in Readers)
            (await Get(url, await TokenFor(role))).Context.Response.StatusCode.ShouldBe(200, role);
        foreach (var role in new[] { Roles.CreditOfficer, Roles.BoardMember, Roles.RiskCouncil, Roles.Admin })
            (await Get(url, await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403, role);
        (await Get(url, Coop)).Context.Response.StatusCode.ShouldBe(403, "a cooperative");
        (await Get(url, null)).Context.Response.StatusCode.ShouldBe(401);
    }

    [Theory]
    [InlineData("/api/accounting/journal?from=2026-11-30&to=2026-11-01", 400, "period.from_after_to")]
    [InlineData("/api/accounting/trial-balance?from=2016-11-30&to=2026-11-30", 400, "period.too_long")]
    [InlineData("/api/accounting/ledger/1121?from=30/11/2026", 400, "period.from_format")]
    [InlineData("/api/accounting/borrowers/0a000000-0000-0000-0000-00000000000a/ledger?to=2026-13-01", 400, "period.to_format")]
    [InlineData("/api/accounting/exports/misa?from=2026-12-01&to=2026-11-01", 400, "period.from_after_to")]
    [InlineData("/api/accounting/journal?pageSize=101", 400, "page_size.out_of_range")]
    [InlineData("/api/accounting/journal?page=0", 400, "page.out_of_range")]
    [InlineData("/api/accounting/journal?account=11A", 400, "account.format")]
    [InlineData("/api/accounting/journal?format=pdf", 400, "format.unknown")]
    [InlineData("/api/accounting/borrowers/0a000000-0000-0000-0000-00000000000a/ledger?format=pdf", 400, "format.unknown")]
    [InlineData("/api/accounting/trial-balance?format=docx", 400, "format.unknown")]
    [InlineData("/api/accounting/ledger/9999", 404, "accounting.account_unknown")]
    [InlineData("/api/accounting/ledger/abc", 404, "accounting.account_unknown")]
    [InlineData("/api/accounting/borrowers/0a000000-0000-0000-0000-00000000000a/ledger", 404, "accounting.object_unknown")]
    [InlineData("/api/accounting/borrowers?asOf=2026-02-30", 400, "as_of.format")]
    public async Task a_bad_period_page_account_format_or_borrower_is_refused_in_vietnamese(string url, int status, string code)
    {
        var result = await Get(url, await TokenFor(Roles.Accountant));
        await result.ShouldBeRefusal(status, code);
        (await result.ReadAsTextAsync()).ShouldMatch("[àáảãạăâđèéêìíòóôơùúưỳý]");
    }

    [Fact]
    public async Task a_ten_year_span_is_the_longest_accepted()
    {
        (await Get("/api/accounting/trial-balance?from=2016-12-01&to=2026-11-30", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(200);
        await (await Get("/api/accounting/trial-balance?from=2016-11-30&to=2026-11-30", await TokenFor(Roles.Accountant)))
            .ShouldBeRefusal(400, "period.too_long");
    }
}
