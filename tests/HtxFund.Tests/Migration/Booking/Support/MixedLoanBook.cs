using HtxFund.Applications;
using HtxFund.Collateral;
using HtxFund.Cooperatives;
using HtxFund.Lending;
using HtxFund.Migration;
using HtxFund.Policy;
using HtxFund.Reference;
using NodaTime;

namespace HtxFund.Tests.Migration.Booking.Support;

/// <summary>
/// A loan book built in code: cooperatives with members, and loans in mixed states at the cut-over, each loan's history as
/// the borrower lived it (a tranche at the start, each instalment paid in full on its due date up to where it stopped).
/// The expected figures are worked out beside it: the principal outstanding by hand (the amount less the principal of the
/// instalments paid, since each payment is exactly an instalment), the debt group by hand from the days since the first
/// unpaid due date (Circular 14/2024: group 2 from 10 days, 3 from 30, 4 from 90, 5 from 180), and the interest owed by
/// the engine's own valuation of that history (accrued since the last due date plus what is unpaid).
/// </summary>
public static class MixedLoanBook
{
    public static readonly LocalDate CutOver = new(2026, 10, 31);
    private static readonly LendingPolicy Policy = FundPolicy.Default.ToLendingPolicy();

    public enum State { OnTime, Group2, Group3, Group4, Group5, Closed, OwnSchedule, TwoTranches }

    /// <summary>Days from the first unpaid due date to the cut-over aimed at for each late state (the calendar may move a
    /// due date to the next working day; the expected group is worked out from the actual date).</summary>
    private static int TargetDaysPastDue(State s) => s switch { State.Group2 => 20, State.Group3 => 55, State.Group4 => 130, State.Group5 => 260, _ => 0 };

    public static DebtGroup GroupFor(int daysPastDue) => daysPastDue switch
    {
        >= 180 => DebtGroup.Group5,
        >= 90 => DebtGroup.Group4,
        >= 30 => DebtGroup.Group3,
        >= 10 => DebtGroup.Group2,
        _ => DebtGroup.Group1,
    };

    public static LoanBookFile Build(int loans, string sha256, int cooperatives = 10, string contractPrefix = "HĐ")
    {
        var coops = new List<ImportedCooperative>();
        var members = new List<ImportedMember>();
        for (var c = 0; c < cooperatives; c++)
        {
            var tax = TaxCodeFor(sha256, c);
            coops.Add(new ImportedCooperative(c + 2, tax, $"Hợp tác xã chuyển đổi số {c + 1}", CooperativeType.HopTacXa, "Đắk Lắk", "Huyện Krông Pắc",
                $"Thôn {c + 1}, huyện Krông Pắc, Đắk Lắk", new LocalDate(2015, 3, 1), $"Nguyễn Văn {c + 1}", 20, "Trồng trọt cà phê",
                PriorityFlags.None, null, null));
            for (var m = 0; m < 3; m++)
                members.Add(new ImportedMember(c * 3 + m + 2, tax, $"Trần Thị {c + 1}-{m + 1}", $"0{66 + m}1{c:000}{m:000000}"[..12],
                    MembershipKind.Official, false, null, new LocalDate(2018, 1, 15)));
        }
        var rows = new List<ImportedLoan>();
        for (var i = 0; i < loans; i++)
        {
            var state = (State)(i % 8);
            var coop = coops[i % coops.Count];
            var member = i % 2 == 1 ? members[(i % coops.Count) * 3 + i % 3] : null;
            rows.Add(Loan(i, state, coop.TaxCode, member?.NationalId, $"{i + 1:0000}/{contractPrefix}-CĐ", withCollateral: i % 3 == 0));
        }
        return new LoanBookFile(sha256, 1, CutOver, coops, members, rows);
    }

    /// <summary>A valid tax code of its own for each file and cooperative.</summary>
    private static string TaxCodeFor(string sha256, int c)
    {
        var seed = Math.Abs(sha256.GetHashCode() % 10000);
        for (var k = 0; ; k++)
        {
            try { return TaxCode.Generate($"6{(seed + k * 7) % 10000:0000}{c % 10000:0000}"); }
            catch (ArgumentException) { /* no check digit for this prefix: the next */ }
        }
    }

    public static ImportedLoan Loan(int i, State state, string taxCode, string? memberId, string contract, bool withCollateral)
    {
        var amount = (60 + i % 20 * 12) * 1_000_000L;
        var method = i % 5 == 0 ? RepaymentMethod.Annuity : RepaymentMethod.EqualPrincipal;
        var term = state == State.Closed ? 12 : 24;
        const decimal rate = 6.0m;
        // the first instalment the borrower did not pay (1-based); late loans stop after a few
        var unpaid = 3 + i % 4;
        var start = state switch
        {
            State.Group2 or State.Group3 or State.Group4 or State.Group5 => CutOver.PlusDays(-TargetDaysPastDue(state)).PlusMonths(-unpaid),
            State.Closed => CutOver.PlusMonths(-14).PlusDays(-(i % 20)),
            State.TwoTranches => CutOver.PlusDays(-20 - i % 5),
            _ => CutOver.PlusMonths(-(3 + i % 12)).PlusDays(-(i % 20)),
        };
        IReadOnlyList<ImportedScheduleRow> own = state == State.OwnSchedule
            ? Enumerable.Range(1, 4).Select(n => new ImportedScheduleRow(n + 1, n, start.PlusMonths(6 * n), amount / 4, 0)).ToList()
            : [];
        var schedule = own.Count > 0
            ? ScheduleGenerator.Generate(LoanTerms.Custom(Money.Of(amount), rate, start, term, own.Select(r => new PlannedPrincipal(r.DueDate, Money.Of(r.Principal)))), Policy)
            : ScheduleGenerator.Generate(ScheduleRows.Terms(new LoanProposal(amount, rate, term, method, RepaymentFrequency.Monthly, 0, start)), Policy);
        var tranches = state == State.TwoTranches
            ? new List<ImportedTranche> { new(2, start, amount / 2), new(3, start.PlusDays(10), amount - amount / 2) }
            : [new ImportedTranche(2, start, amount)];
        var paid = schedule.Instalments.Where(x => x.DueDate <= CutOver && (state is State.OnTime or State.Closed or State.OwnSchedule || x.Number < unpaid)).ToList();
        var repayments = paid.Select((x, n) => new ImportedRepayment(n + 2, x.DueDate, x.Total.Dong, $"MIG-{contract}-{n + 1}")).ToList();
        var firstUnpaid = schedule.Instalments.FirstOrDefault(x => x.DueDate <= CutOver && !paid.Contains(x));
        var daysPastDue = firstUnpaid.Number == 0 ? 0 : Period.Between(firstUnpaid.DueDate, CutOver, PeriodUnits.Days).Days;
        var principal = amount - paid.Sum(x => x.Principal.Dong);
        var transactions = tranches.Select(t => (LoanTransaction)new Disbursement(t.ValueDate, Money.Of(t.Amount)))
            .Concat(repayments.Select((r, n) => new Repayment(r.ValueDate, Money.Of(r.Amount)) { Sequence = n }));
        var valuation = LoanValuator.Value(schedule, transactions, CutOver, Policy);
        var collateral = withCollateral
            ? new List<ImportedCollateral> { new(i + 2, HtxFund.Collateral.CollateralType.LandUseRight, $"Quyền sử dụng đất thửa số {i + 1}", $"CS {i + 1:00000}", amount * 3 / 2, start) }
            : [];
        return new ImportedLoan(i + 2, contract, start, taxCode, memberId, null, "Mua phân bón, chăm sóc cà phê", amount, rate, rate * 1.5m, method,
            RepaymentFrequency.Monthly, term, 0, start, own, tranches, repayments, null, collateral, principal,
            (valuation.Payoff - valuation.PrincipalOutstanding).Dong, GroupFor(daysPastDue));
    }
}
