using System.Net;
using Alba;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Migrating;
using HtxFund.Tests.Accounting.Journal;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Loans.Migrating;

/// <summary>
/// A loan brought in from the fund's earlier books with an opening balance instead of its tranches and repayments: its
/// stream holds the application chain and the contract, then <see cref="LoanMigrated"/> and
/// <see cref="LoanOpeningBalanceRecorded"/>, appended as the booking appends them. The loan is valued, classified, repaid,
/// posted to the journal and counted on the capital ledger from those balances.
/// </summary>
public sealed class running_a_loan_taken_over_with_an_opening_balance(AppFixture fixture) : JournalContext(fixture)
{
    private static readonly LocalDate CutOver = new(2027, 7, 5);
    private static readonly LocalDate Due7 = new(2027, 6, 22);
    private static readonly Guid ImportId = Guid.Parse("0190f0a0-0000-7000-8000-000000000021");

    /// <summary>400,000,000 ₫ at 6 %/year over 36 months, equal principal after a 6-month grace, signed 22/11/2026 (the
    /// fixture's today); taken over on 05/07/2027 with all 400,000,000 ₫ outstanding, instalment #7's principal of
    /// 13,333,333 ₫ (22/06/2027) unpaid, 2,000,000 ₫ of interest and 50,000 ₫ of penalty owed.</summary>
    private async Task<Guid> TakenOver(string number)
    {
        var id = await SignedUntilTheCutOver(number);
        await TakeOver(id, number);
        return id;
    }

    /// <summary>The loan signed on 22/11/2026 and the business date moved on to the cut-over, nothing paid out in HtxFund.</summary>
    private async Task<Guid> SignedUntilTheCutOver(string number)
    {
        var id = await SignedLoan(400_000_000, number);
        (await Loan(id)).Contract!.Schedule[6].ShouldSatisfyAllConditions(
            r => r.DueDate.ShouldBe(Due7), r => r.Principal.ShouldBe(13_333_333));
        AdvanceTo(CutOver);
        return id;
    }

    /// <summary>Appends the marker and the opening balance as the loan book booking does.</summary>
    private async Task TakeOver(Guid id, string number)
    {
        var by = new Actor(Guid.NewGuid(), "ketoantruong", [Roles.ChiefAccountant]);
        var at = Clock.GetCurrentInstant();
        await using var session = Store.LightweightSession(FundA);
        var stream = await session.Events.FetchForWriting<Loan>(id);
        stream.AppendMany(
            new LoanMigrated(id, ImportId, new string('a', 64), "so-vay-cu.xlsx", 7, number, CutOver, by, at),
            new LoanOpeningBalanceRecorded(id, CutOver, 400_000_000, 13_333_333, Due7, 2_000_000, 50_000, Guid.NewGuid(), by, at));
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task at_the_cut_over_the_loan_owes_its_opening_balance_and_is_classified_by_the_days_its_principal_is_overdue()
    {
        var id = await TakenOver("01/2020/HĐTD-CU");

        var loan = await Loan(id);
        loan.Migrated.ShouldNotBeNull();
        loan.Migrated.ImportId.ShouldBe(ImportId);
        loan.Migrated.CutOver.ShouldBe(CutOver);
        loan.Migrated.Row.ShouldBe(7);
        loan.OpeningBalance!.PrincipalOutstanding.ShouldBe(400_000_000);
        loan.DisbursedAmount.ShouldBe(400_000_000);
        loan.UndisbursedAmount.ShouldBe(0);
        loan.Tranches.ShouldBeEmpty();

        // Interest accrued since #7 (22/06) on the 386,666,667 ₫ not overdue: 386,666,667 × 13 × 6 / 36,500 = 826,301.4 → 826,301 ₫.
        var p = loan.Position!;
        p.PrincipalDisbursed.ShouldBe(400_000_000);
        p.PrincipalOutstanding.ShouldBe(400_000_000);
        p.PrincipalOverdue.ShouldBe(13_333_333);
        p.InterestDue.ShouldBe(2_000_000);
        p.InterestOverdue.ShouldBe(0);
        p.InterestOnOverduePrincipal.ShouldBe(50_000);
        p.InterestAccrued.ShouldBe(826_301);
        p.DaysPastDue.ShouldBe(13); // 22/06 → 05/07/2027
        p.DebtGroup.ShouldBe(2); // 10–29 days past due (Circular 14/2024)
        p.Schedule[0].Number.ShouldBe(8); // the instalments billed in the earlier books are not shown
        p.Schedule[0].DueDate.ShouldBe(new LocalDate(2027, 7, 22));
        p.Statement[0].Kind.ShouldBe("OpeningBalance");

        // The API says where it came from; another fund does not see it.
        var json = await (await Get($"/api/loans/{id}", await TokenFor(Roles.Accountant))).ReadAsTextAsync();
        json.ShouldContain($"\"migrated\":{{\"importId\":\"{ImportId}\",\"cutOver\":\"2027-07-05\",\"row\":7}}");
        (await Get($"/api/loans/{id}", await TokenFor(Roles.Accountant, FundB))).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task a_repayment_after_the_cut_over_is_split_from_the_opening_balance_and_clears_what_is_overdue()
    {
        var id = await TakenOver("02/2020/HĐTD-CU");
        AdvanceTo(new LocalDate(2027, 7, 8));

        // On 08/07, three days on: late interest 2,000,000 × 3 × 10 / 36,500 = 1,643.8 → 1,644 ₫; penalty
        // 50,000 + 13,333,333 × 3 × 9 / 36,500 = 50,000 + 9,863.0 → 59,863 ₫; then 2,000,000 ₫ of interest and the
        // 13,333,333 ₫ of principal overdue: 15,394,840 ₫.
        var receipt = await Repaid(id, 15_394_840, "2027-07-08");

        receipt.Allocation.InterestOnLateInterest.Dong.ShouldBe(1_644);
        receipt.Allocation.InterestOnOverduePrincipal.Dong.ShouldBe(59_863);
        receipt.Allocation.OverdueInterest.Dong.ShouldBe(2_000_000);
        receipt.Allocation.OverduePrincipal.Dong.ShouldBe(13_333_333);
        var p = await Position(id);
        p.PrincipalOutstanding.ShouldBe(386_666_667);
        p.PrincipalOverdue.ShouldBe(0);
        p.DaysPastDue.ShouldBe(0);
        p.PaidPrincipal.ShouldBe(13_333_333);
    }

    [Fact]
    public async Task the_capital_ledger_counts_the_principal_as_lent_out_and_the_journal_posts_the_balances_at_the_cut_over()
    {
        var id = await SignedUntilTheCutOver("03/2020/HĐTD-CU");
        var before = await Capital("2027-07-05");
        await TakeOver(id, "03/2020/HĐTD-CU");

        var after = await Capital("2027-07-05");
        (after.OutstandingPrincipal - before.OutstandingPrincipal).Dong.ShouldBe(400_000_000);
        (before.CashAvailable - after.CashAvailable).Dong.ShouldBe(400_000_000);
        before.Committed.Dong.ShouldBe(400_000_000); // contracted, nothing paid out
        after.Committed.Dong.ShouldBe(0); // the earlier books say what was lent: nothing more to pay out
        var line = after.Ledger.Single(l => l.LoanId == id);
        line.Kind.ShouldBe(HtxFund.Capital.CapitalEntryKind.LoanOpeningBalance);
        line.Amount.Dong.ShouldBe(-400_000_000);
        line.ValueDate.ShouldBe(CutOver);
        line.Reference.ShouldBe("Dư nợ gốc chuyển đổi hợp đồng 03/2020/HĐTD-CU");

        var lines = (await JournalLines()).Where(l => l.LoanId == id).ToList();
        lines.Select(Show).ShouldBe(
        [
            "1283 D 400000000 Disbursement", "1121 C 400000000 Disbursement",
            "13881 D 2000000 InterestAccrued", "5151 C 2000000 InterestAccrued",
            "13882 D 50000 PenaltyInterestAccrued", "5152 C 50000 PenaltyInterestAccrued",
        ]);
        lines.ShouldAllBe(l => l.BusinessDate == CutOver && l.ContractNumber == "03/2020/HĐTD-CU");
        EveryVoucherBalances(lines);
    }

    [Fact]
    public async Task the_loan_pages_of_the_staff_and_of_the_cooperative_say_it_was_migrated_and_from_when()
    {
        var id = await TakenOver("04/2020/HĐTD-CU");
        await CooperativeSignsInAgain();

        foreach (var (url, token) in new[]
                 {
                     ($"/tin-dung/khoan-vay/{id}", await TokenFor(Roles.CreditOfficer)),
                     ($"/tai-chinh/khoan-vay/{id}", await TokenFor(Roles.Accountant)),
                     ($"/htx/khoan-vay/{id}", Coop),
                 })
        {
            var page = await Get(url, token);
            var html = WebUtility.HtmlDecode(await page.ReadAsTextAsync());
            page.Context.Response.StatusCode.ShouldBe(200, url);
            html.ShouldContain("Khoản vay chuyển đổi", customMessage: url);
            html.ShouldContain("quản lý trên hệ thống từ ngày 05/07/2027", customMessage: url);
            html.ShouldContain("400.000.000 ₫", customMessage: url);
        }
    }

    [Fact]
    public async Task the_daily_reminders_and_the_monthly_classification_take_it_in_from_the_cut_over()
    {
        var id = await TakenOver("05/2020/HĐTD-CU");

        // 15/07/2027 is seven days before instalment #8 (22/07/2027): the cooperative is reminded of it, with the
        // principal overdue since 22/06/2027 (23 days) in the amounts.
        var day = new LocalDate(2027, 7, 15);
        AdvanceTo(day);
        await using (var session = Store.QuerySession(FundA))
        {
            var found = (await HtxFund.Reminders.Daily.DailyReminderRun.FindAsync(session, FundA, day, Clock.GetCurrentInstant(),
                CancellationToken.None)).Where(r => r.LoanId == id).ToList();
            var reminder = found.ShouldHaveSingleItem();
            reminder.Kind.ShouldBe(HtxFund.Reminders.ReminderKind.UpcomingInstalment);
            reminder.OffsetDays.ShouldBe(7);
            reminder.InstalmentNumber.ShouldBe(8);
            reminder.Amounts!.PrincipalOverdue.ShouldBe(13_333_333);
            reminder.Amounts.DaysPastDue.ShouldBe(23);
        }

        // July's classification (as of 31/07/2027, run on Monday 02/08): nothing paid since the cut-over, the principal
        // overdue since 22/06 is 39 days past due: group 3 (30–89 days, Circular 14/2024).
        AdvanceTo(new LocalDate(2027, 8, 2));
        var result = await Post("/api/classification-runs", new { month = "2027-07" }, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var run = await result.Read<HtxFund.Classification.GettingTheRun.ClassificationRunView>();
        var classified = run.Loans.Single(l => l.LoanId == id);
        classified.DaysPastDue.ShouldBe(39);
        classified.Group.ShouldBe(3);
        classified.PrincipalOutstanding.ShouldBe(400_000_000);
    }
}
