using Alba;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using JasperFx.Events;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Loans.Repaying;

public sealed class repaying_a_loan(AppFixture fixture) : LoanContext(fixture)
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);
    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    /// <summary>400,000,000 ₫ at 6 %/year over 36 months, equal principal after a 6-month grace, signed today
    /// (22/11/2026), paid out in two tranches of 200,000,000 ₫ on 22/11 and 02/12/2026.</summary>
    private async Task<(Guid Id, IReadOnlyList<HtxFund.Applications.ScheduleRow> Rows)> TwoTrancheLoan(string number)
    {
        var id = await SignedLoan(400_000_000, number);
        await Disbursed(id, 200_000_000);
        AdvanceTo(D(2026, 12, 2));
        await Disbursed(id, 200_000_000, "2026-12-02");
        return (id, (await Loan(id)).Contract!.Schedule);
    }

    [Fact]
    public async Task after_a_prepayment_the_loan_view_shows_the_schedule_the_engine_will_bill()
    {
        // 480,000,000 ₫ at 6 %/year over 36 months, 6 months' grace, paid out today; on the first due date the borrower
        // pays the interest due and 12,000,000 ₫ more, which shortens the term (the fund's default).
        var id = await SignedLoan(480_000_000, "21/2026/HĐTD");
        await Disbursed(id, 480_000_000);
        var contract = (await Loan(id)).Contract!.Schedule;
        AdvanceTo(contract[0].DueDate);
        var due = await Position(id);
        var receipt = await Repaid(id, due.AmountDue + 12_000_000, Iso(contract[0].DueDate));
        receipt.Allocation.Prepayment.Dong.ShouldBe(12_000_000);

        var loan = await Loan(id);
        var view = loan.Position!;
        view.PrincipalOutstanding.ShouldBe(468_000_000);
        // the schedule shown holds exactly the principal owed: the prepayment came off the last instalment
        view.Schedule.Sum(r => r.PrincipalUnpaid).ShouldBe(view.PrincipalOutstanding);
        view.Schedule.Count.ShouldBe(36);
        view.Schedule[^1].Principal.ShouldBe(contract[^1].Principal - 12_000_000);
        view.Schedule[0].Status.ShouldBe(InstalmentStatus.Paid);
        // the contract's frozen schedule is still there as signed
        loan.Contract!.Schedule.ShouldBe(contract);
        loan.Contract.Schedule.Sum(r => r.Principal).ShouldBe(480_000_000);

        // what the view says is due next is what it bills on that date: interest on 468,000,000 ₫, not on 480,000,000 ₫
        var next = view.Schedule[1];
        view.NextDueDate.ShouldBe(next.DueDate);
        view.NextDueAmount.ShouldBe(next.Principal + next.Interest);
        next.Interest.ShouldBeLessThan(contract[1].Interest);
        AdvanceTo(next.DueDate);
        var onDueDate = await Position(id);
        onDueDate.AmountDue.ShouldBe(view.NextDueAmount!.Value);
        onDueDate.InterestDue.ShouldBe(next.Interest);

        // the cooperative reads the same schedule
        await CooperativeSignsInAgain();
        var borrowerView = await Position(id, Iso(contract[0].DueDate), Coop);
        borrowerView.Schedule.ShouldBe(view.Schedule);
    }

    [Fact]
    public async Task the_full_life_of_a_loan_from_contract_to_closure()
    {
        var (id, rows) = await TwoTrancheLoan("11/2026/HĐTD");
        rows.Count.ShouldBe(36);
        rows.Take(6).ShouldAllBe(r => r.Principal == 0);
        rows[6].Principal.ShouldBe(13_333_333); // 400,000,000 / 30 instalments, the rounding remainder on the last

        // First period 22/11 → 22/12/2026: 200,000,000 ₫ for 30 days and 200,000,000 ₫ for 20 days at 6 %/365:
        // 986,301.37 + 657,534.25 = 1,643,835.62 → 1,643,836 ₫ due on 22/12.
        AdvanceTo(rows[0].DueDate);
        var first = await Position(id);
        first.InterestDue.ShouldBe(1_643_836);
        first.AmountDue.ShouldBe(1_643_836);
        first.PrincipalOutstanding.ShouldBe(400_000_000);
        first.Schedule[0].Status.ShouldBe(InstalmentStatus.Due);

        // twelve instalments paid on their due dates, each exactly what is due then
        long paidTotal = 0;
        for (var i = 0; i < 12; i++)
        {
            AdvanceTo(rows[i].DueDate);
            var due = await Position(id);
            due.DaysPastDue.ShouldBe(0);
            var receipt = await Repaid(id, due.AmountDue, Iso(rows[i].DueDate));
            receipt.Allocation.PrincipalDue.Dong.ShouldBe(rows[i].Principal);
            receipt.Allocation.Prepayment.Dong.ShouldBe(0);
            receipt.Allocation.RefundableExcess.Dong.ShouldBe(0);
            paidTotal += due.AmountDue;
        }
        var afterTwelve = await Position(id);
        afterTwelve.PrincipalOutstanding.ShouldBe(400_000_000 - 6 * 13_333_333); // 320,000,002 ₫
        afterTwelve.PrincipalOutstanding.ShouldBe(rows[11].BalanceAfter);
        afterTwelve.PaidPrincipal.ShouldBe(79_999_998);
        (afterTwelve.PaidInterest + afterTwelve.PaidPrincipal).ShouldBe(paidTotal);
        afterTwelve.Schedule.Take(12).ShouldAllBe(r => r.Status == InstalmentStatus.Paid);
        afterTwelve.Schedule.Skip(12).ShouldAllBe(r => r.Status == InstalmentStatus.Upcoming);
        afterTwelve.DebtGroup.ShouldBe(1);

        // the thirteenth is missed: 15 days later it is overdue, bears penalty interest, and the loan is in group 2
        var missed = rows[12].DueDate;
        AdvanceTo(missed.PlusDays(15));
        var late = await Position(id);
        late.DaysPastDue.ShouldBe(15);
        late.PrincipalOverdue.ShouldBe(13_333_333);
        late.InterestOverdue.ShouldBeGreaterThan(0);
        // 13,333,333 ₫ overdue for 15 days at 150 % × 6 % = 9 %/year: 49,315.07 → 49,315 ₫
        late.InterestOnOverduePrincipal.ShouldBe(49_315);
        late.InterestOnLateInterest.ShouldBeGreaterThan(0);
        late.DebtGroup.ShouldBe(2);
        late.Schedule[12].Status.ShouldBe(InstalmentStatus.Overdue);
        (await Position(id, Iso(missed.PlusDays(-1)))).DaysPastDue.ShouldBe(0); // the view as of a past date

        // catch-up: everything due, penalties first (the waterfall)
        var catchUp = await Repaid(id, late.AmountDue, Iso(missed.PlusDays(15)));
        catchUp.Allocation.InterestOnLateInterest.Dong.ShouldBe(late.InterestOnLateInterest);
        catchUp.Allocation.InterestOnOverduePrincipal.Dong.ShouldBe(late.InterestOnOverduePrincipal);
        catchUp.Allocation.OverdueInterest.Dong.ShouldBe(late.InterestOverdue);
        catchUp.Allocation.OverduePrincipal.Dong.ShouldBe(13_333_333);
        var current = await Position(id);
        current.DaysPastDue.ShouldBe(0);
        current.AmountDue.ShouldBe(0);
        current.DebtGroup.ShouldBe(1);
        current.PrincipalOutstanding.ShouldBe(320_000_002 - 13_333_333);

        // early payoff with 1,000,000 ₫ too much: refused as typed; marked as an overpayment to refund it waits for a
        // second person, then the loan closes and the excess is refundable
        var payoffDay = missed.PlusDays(20);
        AdvanceTo(payoffDay);
        var before = await Position(id);
        before.Payoff.ShouldBe(before.PrincipalOutstanding + before.InterestAccrued);
        var payoff = await ConfirmedOverpayment(id, before.Payoff + 1_000_000, Iso(payoffDay), before.Payoff);
        payoff.LoanClosed.ShouldBeTrue();
        payoff.Allocation.Prepayment.Dong.ShouldBe(306_666_669);
        payoff.Allocation.RefundableExcess.Dong.ShouldBe(1_000_000);

        var closed = await Loan(id);
        closed.Stage.ShouldBe(LoanStage.Closed);
        closed.ClosedOn.ShouldBe(payoffDay);
        closed.RefundableExcessAtClosure.ShouldBe(1_000_000);
        closed.Exposure.ShouldBe(0);
        closed.Position!.PrincipalOutstanding.ShouldBe(0);
        closed.Position.PaidPrincipal.ShouldBe(400_000_000);
        closed.Position.RefundableExcess.ShouldBe(1_000_000);

        var capital = await Capital();
        capital.OutstandingPrincipal.Dong.ShouldBe(0);
        capital.InterestReceived.Dong.ShouldBe(closed.Position.PaidInterest + closed.Position.PaidPenaltyInterest);
        capital.CashAvailable.Dong.ShouldBe(20_000_000_000 + closed.Position.PaidInterest + closed.Position.PaidPenaltyInterest + 1_000_000);

        var events = await EventCount();
        await (await Repay(id, 1_000, Iso(payoffDay))).ShouldBeRefusal(409, "loan.closed");
        await (await Prepare(id, 1_000, Iso(payoffDay))).ShouldBeRefusal(409, "loan.closed");
        await (await LoanPost(id, "restructurings", new
        {
            kind = "Extension", date = Iso(payoffDay), reason = "Thử", plan = new[] { new { dueDate = "2031-01-10", principal = 1_000 } },
        }, await TokenFor(Roles.CreditOfficer))).ShouldBeRefusal(409, "loan.closed");
        await (await LoanPost(id, "interest-waivers", new { date = Iso(payoffDay), amount = 1_000, ground = "OtherPolicyGround", reason = "Thử" },
            await TokenFor(Roles.CreditOfficer))).ShouldBeRefusal(409, "loan.closed");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_reversal_by_the_recorder_is_refused_and_by_another_user_restores_the_balance()
    {
        var (id, rows) = await TwoTrancheLoan("12/2026/HĐTD");
        AdvanceTo(D(2026, 12, 10));
        var cashBefore = (await Capital()).CashAvailable.Dong;
        var receipt = await Repaid(id, 50_000_000, "2026-12-10"); // before the first due date: accrued interest, then prepayment
        // 200,000,000 ₫ × 18 days + 200,000,000 ₫ × 8 days at 6 %/365: 591,780.82 + 263,013.70 = 854,794.52 → 854,795 ₫
        receipt.Allocation.AccruedInterest.Dong.ShouldBe(854_795);
        receipt.Allocation.Prepayment.Dong.ShouldBe(50_000_000 - 854_795);
        (await Position(id)).PrincipalOutstanding.ShouldBe(400_000_000 - 49_145_205);
        var withRepayment = await Capital();
        withRepayment.CashAvailable.Dong.ShouldBe(cashBefore + 50_000_000);
        withRepayment.OutstandingPrincipal.Dong.ShouldBe(400_000_000 - 49_145_205);
        withRepayment.InterestReceived.Dong.ShouldBe(854_795);
        withRepayment.Ledger.Last().Kind.ShouldBe(HtxFund.Capital.CapitalEntryKind.LoanRepayment);
        (await Capital("2026-12-09")).CashAvailable.Dong.ShouldBe(cashBefore); // the capital view as of the day before

        var events = await EventCount();
        var path = $"/api/loans/{id}/repayments/{receipt.RepaymentId}/reversal";
        await (await Post(path, new { reason = "Ghi nhầm khoản vay" }, await TokenFor(Roles.Accountant)))
            .ShouldBeRefusal(403, "four_eyes.recorder_cannot_reverse");
        await (await Post(path, new { reason = "" }, await TokenFor(Roles.ChiefAccountant))).ShouldBeRefusal(400, "reason.required");
        await (await Post(path, new { reason = "Ghi nhầm khoản vay" }, await TokenFor(Roles.CreditOfficer))).ShouldBeRefusal(403, "forbidden");
        (await EventCount()).ShouldBe(events);

        var other = await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]));
        await Ok(Post(path, new { reason = "Ghi nhầm khoản vay" }, other));
        var after = await Position(id);
        after.PrincipalOutstanding.ShouldBe(400_000_000);
        after.PaidPrincipal.ShouldBe(0);
        after.Statement.Count(l => l.Kind == "Repayment").ShouldBe(0);
        var capital = await Capital();
        capital.CashAvailable.Dong.ShouldBe(cashBefore);
        capital.OutstandingPrincipal.Dong.ShouldBe(400_000_000);
        capital.InterestReceived.Dong.ShouldBe(0);
        var loan = await Loan(id);
        loan.Repayments.Single().Reversed.ShouldBeTrue();
        loan.History.Select(h => h.Action).ShouldContain("repayment_reversed");
        await (await Post(path, new { reason = "Lần nữa" }, await TokenFor(Roles.ChiefAccountant))).ShouldBeRefusal(409, "repayment.already_reversed");
    }

    [Fact]
    public async Task ten_simultaneous_repayments_with_one_bank_reference_book_exactly_one()
    {
        var (id, _) = await TwoTrancheLoan("17/2026/HĐTD");
        var cash = (await Capital()).CashAvailable.Dong;
        var token = await TokenFor(Roles.Accountant);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Repay(id, 3_000_000, "2026-12-02", "FT26336999999", token)));
        var statuses = results.Select(r => r.Context.Response.StatusCode).ToArray();
        statuses.Count(s => s == 201).ShouldBe(1);
        statuses.Count(s => s == 409).ShouldBe(9);
        foreach (var refused in results.Where(r => r.Context.Response.StatusCode == 409))
            (await refused.ProblemCode()).ShouldBe("repayment.duplicate_reference"); // decided one after the other on the held loan
        (await Loan(id)).Repayments.Count.ShouldBe(1);
        (await Capital()).CashAvailable.Dong.ShouldBe(cash + 3_000_000);
    }

    [Fact]
    public async Task simultaneous_repayments_of_two_loans_with_one_bank_reference_book_exactly_one_and_refuse_the_others_alike()
    {
        var second = await SignedLoan(100_000_000, "20/2026/HĐTD");
        await Disbursed(second, 100_000_000);
        var (first, _) = await TwoTrancheLoan("19/2026/HĐTD");
        long Versions(IEnumerable<StreamState?> states) => states.Sum(s => s!.Version);
        long before;
        await using (var session = Store.QuerySession(FundA))
            before = Versions([await session.Events.FetchStreamStateAsync(first), await session.Events.FetchStreamStateAsync(second)]);
        var token = await TokenFor(Roles.Accountant);
        // each loan takes its own one after the other; the two loans' first ones race for the reference at commit
        var results = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => Repay(i % 2 == 0 ? first : second, 2_000_000, "2026-12-02", "FT26336888888", token)));

        results.Count(r => r.Context.Response.StatusCode == 201).ShouldBe(1);
        foreach (var refused in results.Where(r => r.Context.Response.StatusCode != 201))
            await refused.ShouldBeRefusal(409, "repayment.duplicate_reference");
        ((await Loan(first)).Repayments.Count + (await Loan(second)).Repayments.Count).ShouldBe(1);
        await using (var session = Store.QuerySession(FundA)) // one event on the two loans, nothing from the refused ones
            Versions([await session.Events.FetchStreamStateAsync(first), await session.Events.FetchStreamStateAsync(second)]).ShouldBe(before + 1);
    }

    [Fact]
    public async Task simultaneous_repayments_of_several_loans_of_one_fund_are_all_booked_once_each_loan_one_after_the_other()
    {
        var loans = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var loan = await SignedLoan(100_000_000, $"{40 + i}/2026/HĐTD");
            await Disbursed(loan, 100_000_000);
            loans.Add(loan);
        }
        var cash = (await Capital()).CashAvailable.Dong;
        var events = await EventCount();
        long capitalVersion;
        await using (var before = Store.QuerySession(FundA))
            capitalVersion = (await before.Events.FetchStreamStateAsync(HtxFund.Capital.FundCapital.StreamId))!.Version;
        var token = await TokenFor(Roles.Accountant);
        // four repayments per loan at once: each loan takes them one after the other (its row is held while one is decided),
        // the loans side by side; nothing is refused for a race
        var results = await Task.WhenAll(loans.SelectMany((loan, l) => Enumerable.Range(0, 4)
            .Select(r => Repay(loan, 1_000_000 + r, Today, $"FT2633600{l}{r}", token))));

        results.Select(r => r.Context.Response.StatusCode).ShouldAllBe(s => s == 201);
        foreach (var loan in loans)
        {
            var details = await Loan(loan);
            details.Repayments.Count.ShouldBe(4);
            details.Repayments.Select(r => r.Amount).Order().ShouldBe([1_000_000, 1_000_001, 1_000_002, 1_000_003]);
        }
        (await EventCount()).ShouldBe(events + 12); // one event on each loan per repayment, nothing mirrored
        await using (var session = Store.QuerySession(FundA))
            (await session.Events.FetchStreamStateAsync(HtxFund.Capital.FundCapital.StreamId))!.Version.ShouldBe(capitalVersion);
        (await Capital()).CashAvailable.Dong.ShouldBe(cash + 3 * (4_000_000 + 0 + 1 + 2 + 3)); // the fund's cash lines come from the loans' events
    }

    [Fact]
    public async Task a_bank_reference_is_booked_once_per_fund()
    {
        var (id, _) = await TwoTrancheLoan("13/2026/HĐTD");
        await Repaid(id, 1_000_000, "2026-12-02", "FT26336000001");
        var events = await EventCount();
        await (await Repay(id, 1_000_000, "2026-12-02", " ft26336000001 ")).ShouldBeRefusal(409, "repayment.duplicate_reference");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_backdated_repayment_is_allowed_within_the_window_and_revalues_the_loan_as_of_later_dates()
    {
        var (id, rows) = await TwoTrancheLoan("14/2026/HĐTD");
        AdvanceTo(rows[0].DueDate.PlusDays(20)); // 11/01/2027: the first instalment (1,643,836 ₫ of interest) is 20 days late
        var late = await Position(id);
        late.DaysPastDue.ShouldBe(20);
        late.InterestOverdue.ShouldBe(1_643_836);

        var events = await EventCount();
        await (await Repay(id, 1_643_836, Iso(rows[0].DueDate.PlusDays(-12)))).ShouldBeRefusal(422, "repayment.backdated_too_far");
        await (await Repay(id, 1_643_836, Iso(late.AsOf.PlusDays(1)))).ShouldBeRefusal(400, "value_date.in_future");
        (await EventCount()).ShouldBe(events);

        // paid on the due date after all (the bank statement came late): recorded today with that value date
        var receipt = await Repaid(id, 1_643_836, Iso(rows[0].DueDate));
        receipt.Allocation.InterestDue.Dong.ShouldBe(1_643_836);
        var revalued = await Position(id);
        revalued.DaysPastDue.ShouldBe(0);
        revalued.InterestOverdue.ShouldBe(0);
        revalued.InterestOnLateInterest.ShouldBe(0);
        revalued.DebtGroup.ShouldBe(1);
        (await Position(id, Iso(rows[0].DueDate.PlusDays(-1)))).PaidInterest.ShouldBe(0);
        (await Position(id, Iso(rows[0].DueDate))).PaidInterest.ShouldBe(1_643_836);
    }

    [Fact]
    public async Task the_backdating_window_is_the_fund_policys_in_force_when_the_repayment_is_recorded()
    {
        var (id, rows) = await TwoTrancheLoan("14b/2026/HĐTD");
        AdvanceTo(rows[0].DueDate.PlusDays(20));
        var tenDaysBack = Iso(rows[0].DueDate.PlusDays(10));
        var admin = await TokenFor(Roles.Admin);
        var policy = await (await Get("/api/policy", admin)).Read<HtxFund.Policy.FundPolicy>();
        Task<IScenarioResult> Adopt(int days, int expected) => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new { settings = policy.Settings with { RepaymentBackdateDays = days }, reason = "Quy chế thu nợ sửa đổi", expectedVersion = expected })
                .ToUrl("/api/policy");
        });

        await Adopt(5, policy.Version);
        var events = await EventCount();
        var refused = await Repay(id, 1_643_836, tenDaysBack);
        await refused.ShouldBeRefusal(422, "repayment.backdated_too_far");
        (await refused.ReadAsTextAsync()).ShouldContain("5 ngày");
        (await EventCount()).ShouldBe(events);

        await Adopt(15, policy.Version + 1);
        var receipt = await Repaid(id, 1_643_836, tenDaysBack);
        receipt.Amount.ShouldBe(1_643_836);
    }

    [Fact]
    public async Task a_later_payment_is_split_again_in_the_as_of_view_when_an_earlier_one_is_backdated_before_it()
    {
        var (id, rows) = await TwoTrancheLoan("15/2026/HĐTD");
        var due = rows[0].DueDate; // 22/12/2026, 1,643,836 ₫ of interest due
        AdvanceTo(due.PlusDays(5));
        var first = await Repaid(id, 1_000_000, Iso(due.PlusDays(5)));
        // the interest is 5 days late: interest on it at 10 %/year first, 1,643,836 × 10 % × 5/365 = 2,251.83 → 2,252 ₫
        first.Allocation.InterestOnLateInterest.Dong.ShouldBe(2_252);
        first.Allocation.OverdueInterest.Dong.ShouldBe(1_000_000 - 2_252);

        await Repaid(id, 1_643_836, Iso(due)); // backdated: the interest was in fact paid on time
        var view = await Position(id);
        var lines = view.Statement.Where(l => l.Kind == "Repayment").ToArray();
        lines[0].Allocation!.Value.InterestDue.Dong.ShouldBe(1_643_836);
        lines[1].Allocation!.Value.OverdueInterest.Dong.ShouldBe(0); // nothing was late any more: the 1,000,000 ₫ is accrued interest and prepayment
        lines[1].Allocation!.Value.InterestOnLateInterest.Dong.ShouldBe(0);
        (lines[1].Allocation!.Value.AccruedInterest + lines[1].Allocation!.Value.Prepayment).Dong.ShouldBe(1_000_000);
        var stored = (await Loan(id)).Repayments.Single(r => r.RepaymentId == first.RepaymentId);
        stored.Allocation.ShouldBe(first.Allocation); // the event keeps the split at recording time
    }

    [Fact]
    public async Task repayments_are_refused_for_another_funds_loan_a_wrong_role_and_a_stale_version()
    {
        var (id, _) = await TwoTrancheLoan("16/2026/HĐTD");
        var events = await EventCount();
        await (await Repay(id, 1_000_000, "2026-12-02", token: await TokenFor(Roles.Accountant, FundB))).ShouldBeRefusal(404, "loan.not_found");
        await (await Repay(id, 1_000_000, "2026-12-02", token: await TokenFor(Roles.CreditOfficer))).ShouldBeRefusal(403, "forbidden");
        await (await Repay(id, 1_000_000, "2026-12-02", token: await TokenForUser($"{FundA}.coop.{CooperativeId:N}"[..40])))
            .ShouldBeRefusal(403, "forbidden");
        await (await Repay(id, 1_000_000, "2026-12-02", version: 1)).ShouldBeRefusal(409, "loan.version_conflict");
        await (await Repay(id, 0, "2026-12-02")).ShouldBeRefusal(400, "amount.not_positive");
        (await EventCount()).ShouldBe(events);
        (await Get($"/api/loans/{id}", await TokenFor(Roles.Accountant, FundB))).Context.Response.StatusCode.ShouldBe(404);

        // the borrower reads its own loan's position, without staff names
        var coop = await TokenForUser($"{FundA}.coop.{CooperativeId:N}"[..40]);
        var own = await Position(id, token: coop);
        own.PrincipalOutstanding.ShouldBe(400_000_000);
        (await Get($"/api/loans/{id}?asOf=22-11-2026", coop)).Context.Response.StatusCode.ShouldBe(400);
    }
}
