using HtxFund.Accounting;
using HtxFund.Accounting.Accrual;
using HtxFund.Identity;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Classification.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Accounting.Accrual;

/// <summary>
/// The month-end interest accrual on the classification portfolio (four loans of 400,000,000 ₫ at 6 % from 22/11/2026,
/// interest monthly, 6 months' grace; today 01/04/2027). At 31/03/2027, by hand (actual/365, each period's interest
/// rounded to the đồng, penalty interest at 10 %/year on late interest summed as đồng-days and rounded once):
/// <list type="bullet">
/// <item><c>punctual</c> (group 1) paid everything due to 22/03: accrued 22/03–31/03, 9 days:
///   400,000,000 × 9 × 6 % / 365 = 591,780.8 → 591,781 on the balance sheet, no penalty;</item>
/// <item><c>first-only</c> (group 3) paid December only: interest due 22/01 (31 days) 2,038,356, 22/02 (31 days)
///   2,038,356, 22/03 (28 days) 1,841,096, accrued 9 days 591,781 = 6,509,589; penalty on late interest
///   (2,038,356 × 68 + 2,038,356 × 37 + 1,841,096 × 9) × 10 % / 365 = 63,177.3 → 63,177; all 6,572,766 off the balance
///   sheet.</item>
/// </list>
/// </summary>
public sealed class booking_the_month_end_interest_accrual(AppFixture fixture) : ClassificationContext(fixture)
{
    private const long PunctualAccrued = 591_781;
    private const long FirstOnlyContractual = 2_038_356 + 2_038_356 + 1_841_096 + 591_781;
    private const long FirstOnlyPenalty = 63_177;

    private async Task<Alba.IScenarioResult> Book(string month, string role = Roles.ChiefAccountant, string fund = FundA) =>
        await Post("/api/accounting/accruals", new { month }, await TokenFor(role, fund));

    private async Task<long> BooksVersion(string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return (await session.Events.FetchStreamStateAsync(FundBooks.StreamId))?.Version ?? 0;
    }

    private async Task<IReadOnlyList<InterestAccrualSummary>> Listed(string fund = FundA, string role = Roles.Accountant)
    {
        var result = await Get("/api/accounting/accruals", await TokenFor(role, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<IReadOnlyList<InterestAccrualSummary>>();
    }

    [Fact]
    public async Task the_chief_accountant_books_each_loans_interest_at_the_month_end_as_the_engine_and_the_capital_adequacy_report_value_it()
    {
        await BuildPortfolio();

        var result = await Book("2027-03");
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        var receipt = await result.Read<InterestAccrualReceipt>();
        receipt.Month.ShouldBe("2027-03");
        receipt.ValueDate.ShouldBe(new LocalDate(2027, 3, 31));
        receipt.HighestSequence.ShouldBeLessThan(await EventCount());
        receipt.Loans.Count.ShouldBe(4);

        var punctual = receipt.Loans.Single(l => l.ContractNumber == Punctual);
        punctual.ShouldSatisfyAllConditions(
            l => l.LoanId.ShouldBe(Loans[Punctual]),
            l => l.DebtGroup.ShouldBe(1),
            l => l.OnBalanceContractual.ShouldBe(PunctualAccrued),
            l => l.OnBalancePenalty.ShouldBe(0),
            l => l.OffBalance.ShouldBe(0));
        var firstOnly = receipt.Loans.Single(l => l.ContractNumber == FirstOnly);
        firstOnly.ShouldSatisfyAllConditions(
            l => l.DebtGroup.ShouldBe(3),
            l => l.OnBalanceContractual.ShouldBe(0),
            l => l.OnBalancePenalty.ShouldBe(0),
            l => l.OffBalance.ShouldBe(FirstOnlyContractual + FirstOnlyPenalty));
        var details = await Loan(Loans[FirstOnly]);
        firstOnly.BorrowerId.ShouldBe(details.CooperativeId);
        firstOnly.BorrowerName.ShouldNotBeNullOrWhiteSpace();

        // each loan's figures are the engine's (the loan view's position at the month end) ...
        foreach (var loan in receipt.Loans)
        {
            var position = await Position(loan.LoanId, "2027-03-31");
            var contractual = position.InterestAccrued + position.InterestDue + position.InterestOverdue;
            var penalty = position.InterestOnOverduePrincipal + position.InterestOnLateInterest;
            loan.DebtGroup.ShouldBe(position.DebtGroup);
            if (loan.DebtGroup == 1) (loan.OnBalanceContractual, loan.OnBalancePenalty, loan.OffBalance).ShouldBe((contractual, penalty, 0L));
            else (loan.OnBalanceContractual, loan.OnBalancePenalty, loan.OffBalance).ShouldBe((0L, 0L, contractual + penalty));
        }
        // ... and they sum to the capital-adequacy report's interest receivable at that date, for the same cut of the log
        var report = await (await Get($"/api/reports/capital-adequacy?asOf=2027-03-31&sequence={receipt.HighestSequence}",
            await TokenFor(Roles.ChiefAccountant))).Read<CapitalAdequacyReport>();
        report.Interest!.OnBalance.ShouldBe(receipt.OnBalanceContractual + receipt.OnBalancePenalty);
        report.Interest.OffBalance.ShouldBe(receipt.OffBalance);
        receipt.OnBalanceContractual.ShouldBe(PunctualAccrued);

        var listed = (await Listed()).ShouldHaveSingleItem();
        listed.Month.ShouldBe("2027-03");
        listed.LoanCount.ShouldBe(4);
        var again = await Get("/api/accounting/accruals/2027-03", await TokenFor(Roles.Director));
        (await again.Read<InterestAccrualReceipt>()).Loans.ShouldBe(receipt.Loans);

        // rebooking an open month is allowed: the journal posts the difference (none here)
        (await Book("2027-03")).Context.Response.StatusCode.ShouldBe(201);
        (await Listed()).Count.ShouldBe(2);
        (await BooksVersion()).ShouldBe(2);
    }

    [Fact]
    public async Task a_month_not_ended_closed_or_followed_by_a_later_accrual_or_not_a_month_is_refused_and_appends_nothing()
    {
        AdvanceTo(new LocalDate(2027, 4, 1));
        var events = await EventCount();

        await (await Book("2027-04")).ShouldBeRefusal(422, "month_not_ended");
        await (await Book("2027-13")).ShouldBeRefusal(400, "month.format");
        await (await Book("tháng 3")).ShouldBeRefusal(400, "month.format");
        (await EventCount()).ShouldBe(events);
        (await BooksVersion()).ShouldBe(0);

        (await Book("2027-03")).Context.Response.StatusCode.ShouldBe(201);
        await (await Book("2027-02")).ShouldBeRefusal(409, "later_accrual_booked");
        (await BooksVersion()).ShouldBe(1);

        var close = await Post("/api/accounting/periods/2027-03/close", new { }, await TokenFor(Roles.ChiefAccountant));
        close.Context.Response.StatusCode.ShouldBeOneOf([200, 201, 204], await close.ReadAsTextAsync());
        events = await EventCount();
        await (await Book("2027-03")).ShouldBeRefusal(409, "month_closed");
        (await EventCount()).ShouldBe(events);
        (await BooksVersion()).ShouldBe(2);
    }

    [Fact]
    public async Task only_the_chief_accountant_books_and_each_fund_sees_only_its_own_accruals()
    {
        AdvanceTo(new LocalDate(2027, 4, 1));
        foreach (var role in new[] { Roles.Accountant, Roles.Director, Roles.CreditOfficer })
            (await Book("2027-03", role)).Context.Response.StatusCode.ShouldBe(403);
        (await Post("/api/accounting/accruals", new { month = "2027-03" }, null)).Context.Response.StatusCode.ShouldBe(401);
        (await BooksVersion()).ShouldBe(0);

        (await Book("2027-03")).Context.Response.StatusCode.ShouldBe(201);
        (await Listed(FundB)).ShouldBeEmpty();
        (await Get("/api/accounting/accruals/2027-03", await TokenFor(Roles.ChiefAccountant, FundB))).Context.Response.StatusCode.ShouldBe(404);
        (await Get("/api/accounting/accruals", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        (await Listed(FundA, Roles.Chairman)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_monthly_job_books_the_previous_month_for_every_fund_once()
    {
        var signed = await SignedLoan(400_000_000, "9/2026/HĐTD-job");
        await Disbursed(signed, 400_000_000); // 22/11/2026
        AdvanceTo(new LocalDate(2026, 12, 1));
        await RunJob();

        var a = (await Listed()).ShouldHaveSingleItem();
        a.Month.ShouldBe("2026-11");
        a.ValueDate.ShouldBe(new LocalDate(2026, 11, 30));
        a.BookedBy.ShouldBe(Actor.System.UserName);
        // 400,000,000 ₫ from 22/11 to 30/11, 8 days at 6 % = 526,027.4 → 526,027, in group 1
        a.OnBalanceContractual.ShouldBe(526_027);
        (await Listed(FundB)).ShouldHaveSingleItem().LoanCount.ShouldBe(0);

        var events = await EventCount();
        await RunJob();
        (await EventCount()).ShouldBe(events);
        (await BooksVersion()).ShouldBe(1);
    }

    private async Task RunJob()
    {
        using var scope = Host.Services.CreateScope(); // Hangfire activates jobs in a DI scope
        await ActivatorUtilities.CreateInstance<MonthlyInterestAccrualJob>(scope.ServiceProvider).Run(CancellationToken.None);
    }
}
