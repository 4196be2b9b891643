using HtxFund.Capital;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Lending;
using HtxFund.Lending.Rating;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reports.CapitalAdequacy;
using Marten;
using NodaTime;

namespace HtxFund.Reports.Activity;

/// <summary>Lending of the period in one category: loans with money paid out in the period, the amount paid out, and
/// the cooperatives reached (a member's loan reaches the member's cooperative).</summary>
public sealed record ActivityLine(string Name, int Loans, long Amount, int Cooperatives);

/// <summary>Loans and outstanding principal of one debt group at the cut-off.</summary>
public sealed record DebtGroupLine(int Group, int Loans, long PrincipalOutstanding);

/// <summary>
/// Interest of the period on the accrual basis of Circular 52/2022/TT-BTC Art 5.2 and 5.4 (<see cref="InterestRecognition"/>,
/// docs/interest-recognition.md), summed over the loans, each valued the day before the period and at the cut-off:
/// <see cref="Income"/> (recognised interest income) = <see cref="CashReceived"/> + <see cref="OnBalanceAtCutOff"/> −
/// <see cref="OnBalanceAtStart"/> = <see cref="Accrued"/> (charged while in group 1) + <see cref="RecognisedOnCash"/> (received
/// while off the balance sheet) − <see cref="Reversed"/> (on-balance receivable taken back when a loan left group 1).
/// <see cref="OffBalanceAtCutOff"/>: unpaid interest of loans outside group 1, tracked off the balance sheet.
/// </summary>
public sealed record InterestIncomeFigures(
    long CashReceived,
    long Accrued,
    long Reversed,
    long RecognisedOnCash,
    long Income,
    long OnBalanceAtStart,
    long OnBalanceAtCutOff,
    long OffBalanceAtCutOff)
{
    public static InterestIncomeFigures Of(InterestIncome i) => new(i.CashReceived.Dong, i.Accrued.Dong, i.Reversed.Dong,
        i.RecognisedOnCash.Dong, i.Income.Dong, i.OnBalanceAtStart.Dong, i.OnBalanceAtEnd.Dong, i.OffBalanceAtEnd.Dong);
}

/// <summary>
/// The lending-activity figures of a period (whole đồng), the content of the Decree 45/2021 Art 44 lending activity
/// report (Circular 52/2022 Appendix 1a) as far as the system records it:
/// lending in the period (loans with a tranche paid out between <see cref="From"/> and <see cref="CutOff"/>, tranches,
/// amount, cooperatives reached) by priority category (a loan may count in several), by sector and by district;
/// repayments collected in the period (principal, interest); the loan book at the cut-off (each active loan valued and
/// classified by the Lending engine as of the cut-off: outstanding principal by debt group, non-performing groups 3–5,
/// NPL ratio); and the capital at the cut-off. The cut-off part is the capital-adequacy report's own computation. Interest is
/// shown received in cash (<see cref="InterestCollected"/>, the ledger's) and recognised as income on the accrual basis
/// (<see cref="Interest"/>). The financial result is the recognised interest income of the period less the provisions
/// booked in the period, less the principal taken off the balance sheet in the period that its provisions did not cover
/// (the uncovered loss), plus the money recovered in the period on loans off the balance sheet (the system records no other
/// income or expense). Risk handling of the period: principal taken off the balance sheet, provisions used, uncovered loss,
/// recoveries, and the principal tracked off-balance at the cut-off.
/// </summary>
public sealed record ActivityFigures(
    LocalDate From,
    LocalDate CutOff,
    int LoansDisbursed,
    int TranchesDisbursed,
    long AmountDisbursed,
    int CooperativesReached,
    IReadOnlyList<ActivityLine> ByPriority,
    IReadOnlyList<ActivityLine> BySector,
    IReadOnlyList<ActivityLine> ByDistrict,
    long PrincipalCollected,
    long InterestCollected,
    InterestIncomeFigures Interest,
    int ActiveLoans,
    long OutstandingAtStart,
    long OutstandingAtCutOff,
    IReadOnlyList<DebtGroupLine> ByDebtGroup,
    long NonPerforming,
    decimal NplRatioPercent,
    long CharterCapital,
    long ActualCharterCapital,
    long OtherCapitalSources,
    long Cash,
    long Committed,
    long AvailableToLend,
    long ProvisionsBooked,
    long ProvisionsBookedInPeriod,
    long FinancialResult,
    int PolicyVersion,
    long HighestSequence,
    long PrincipalOffBalanceInPeriod = 0,
    long ProvisionsUsedInPeriod = 0,
    long UncoveredLossInPeriod = 0,
    long RecoveredInPeriod = 0,
    long PrincipalOffBalanceAtCutOff = 0);

public static class LendingActivity
{
    public static readonly (string Key, string Name, Func<PriorityFlags, bool> Has)[] Priorities =
    [
        ("WomenManaged", "Do phụ nữ quản lý", p => p.WomenManaged),
        ("EthnicMinorityArea", "Vùng đồng bào dân tộc thiểu số", p => p.EthnicMinorityArea),
        ("OcopProduct", "Sản phẩm OCOP", p => p.OcopProduct),
        ("AgriculturalValueChain", "Liên kết chuỗi giá trị nông nghiệp", p => p.AgriculturalValueChain),
        ("HighTech", "Ứng dụng công nghệ cao", p => p.HighTech),
        ("None", "Không thuộc nhóm ưu tiên", p => p == PriorityFlags.None || p == new PriorityFlags()),
    ];

    private sealed class Tally
    {
        public int Loans;
        public long Amount;
        public readonly HashSet<Guid> Cooperatives = [];

        public void Add(long amount, Guid cooperative)
        {
            Loans++;
            Amount += amount;
            Cooperatives.Add(cooperative);
        }

        public ActivityLine Line(string name) => new(name, Loans, Amount, Cooperatives.Count);
    }

    /// <summary>The figures of the fund <paramref name="fundId"/> for <paramref name="from"/>..<paramref name="cutOff"/>, all
    /// from the fund's events up to <paramref name="sequence"/> (default: now), so the report of a recorded sequence is
    /// computed again identically after any later event, backdated ones included. One pass over the loan book: the
    /// capital-adequacy calculation at the cut-off (<see cref="CapitalAdequacyCalculator"/>: loans folded at the cut in
    /// batches, memory flat) hands every loan it folds to the period's tally (tranches disbursed in the period, with the
    /// application's priority flags and sector from the loan's own stream, the district from the cooperative's registration
    /// data, which no event changes); the capital figures are the ledger's lines of the events up to the cut.</summary>
    public static async Task<ActivityFigures> ComputeAsync(IDocumentStore store, string fundId, LocalDate from, LocalDate cutOff,
        CancellationToken ct, long? sequence = null)
    {
        await using var session = store.QuerySession(fundId);
        var cut = sequence is { } s ? new EventCut(session, s) : await EventCut.NowAsync(session, ct);
        var ledger = await cut.LedgerAsync(ct);

        var total = new Tally();
        var tranches = 0;
        var byPriority = Priorities.ToDictionary(p => p.Key, _ => new Tally());
        var bySector = new SortedDictionary<string, Tally>(StringComparer.CurrentCulture);
        var byDistrict = new SortedDictionary<string, Tally>(StringComparer.CurrentCulture);

        void Tally(Loan loan, CooperativeDetails? cooperative)
        {
            var paid = loan.Tranches.Where(t => t.State == TrancheState.Disbursed && t.ValueDate >= from && t.ValueDate <= cutOff).ToArray();
            if (paid.Length == 0) return;
            var amount = paid.Sum(t => t.Amount);
            tranches += paid.Length;
            total.Add(amount, loan.CooperativeId);
            var priority = loan.Request.Priority ?? PriorityFlags.None;
            foreach (var (key, _, has) in Priorities.Where(p => p.Has(priority))) byPriority[key].Add(amount, loan.CooperativeId);
            Category(bySector, loan.Request.Sector is { Length: > 0 } sector ? sector : "Chưa xác định").Add(amount, loan.CooperativeId);
            Category(byDistrict, cooperative?.District is { Length: > 0 } d ? d : "Chưa xác định").Add(amount, loan.CooperativeId);
        }

        var recognised = new InterestIncomeTally(from, cutOff);
        var atCutOff = await CapitalAdequacyCalculator.ComputeAsync(cut, cutOff, ct, Tally, recognised);
        var income = InterestIncomeFigures.Of(recognised.Total);
        var before = from.PlusDays(-1);
        var interest = (ledger.InterestReceivedAsOf(cutOff) - ledger.InterestReceivedAsOf(before)).Dong;
        var provisionsInPeriod = (ledger.ProvisionsBookedAsOf(cutOff) - ledger.ProvisionsBookedAsOf(before)).Dong;
        // risk handling in the period: principal taken off the balance sheet, the provisions used on it, the rest a loss; recoveries an income
        var offBalanceInPeriod = (ledger.PrincipalOffBalanceAsOf(cutOff) - ledger.PrincipalOffBalanceAsOf(before)).Dong;
        var usedInPeriod = (ledger.ProvisionsUsedAsOf(cutOff) - ledger.ProvisionsUsedAsOf(before)).Dong;
        var recoveredInPeriod = (ledger.RecoveredAsOf(cutOff) - ledger.RecoveredAsOf(before)).Dong;
        var uncoveredLoss = offBalanceInPeriod - usedInPeriod;
        return new ActivityFigures(from, cutOff, total.Loans, tranches, total.Amount, total.Cooperatives.Count,
            Priorities.Select(p => byPriority[p.Key].Line(p.Name)).ToArray(),
            bySector.Select(x => x.Value.Line(x.Key)).ToArray(),
            byDistrict.Select(x => x.Value.Line(x.Key)).ToArray(),
            (ledger.PrincipalRepaidAsOf(cutOff) - ledger.PrincipalRepaidAsOf(before)).Dong, interest, income,
            atCutOff.Loans, ledger.OutstandingPrincipalAsOf(before).Dong, atCutOff.Outstanding,
            atCutOff.ByDebtGroup.Select(g => new DebtGroupLine(int.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture), g.Loans, g.Principal)).ToArray(),
            atCutOff.NonPerforming, atCutOff.NplRatioPercent ?? 0m,
            atCutOff.Capital.CharterCapital, atCutOff.Capital.ActualCharterCapital, atCutOff.Capital.OtherCapitalTotal, atCutOff.Cash,
            atCutOff.Committed, atCutOff.AvailableToLend, atCutOff.ProvisionsBooked, provisionsInPeriod,
            income.Income - provisionsInPeriod - uncoveredLoss + recoveredInPeriod,
            atCutOff.PolicyVersion, cut.HighestSequence,
            PrincipalOffBalanceInPeriod: offBalanceInPeriod, ProvisionsUsedInPeriod: usedInPeriod, UncoveredLossInPeriod: uncoveredLoss,
            RecoveredInPeriod: recoveredInPeriod, PrincipalOffBalanceAtCutOff: atCutOff.OffBalancePrincipal);
    }

    private static Tally Category(SortedDictionary<string, Tally> map, string key)
    {
        if (!map.TryGetValue(key, out var tally)) map[key] = tally = new Tally();
        return tally;
    }
}
