using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace HtxFund.Lending.Tests.Properties;

/// <summary>A random loan with a random history and a random valuation date.</summary>
public sealed record LoanScenario(RepaymentSchedule Schedule, LendingPolicy Policy, LoanTransaction[] Transactions, LocalDate AsOf)
{
    public LoanTerms Terms => Schedule.Terms;

    public override string ToString() =>
        $"{Terms.Principal} at {Terms.AnnualRatePercent} % from {Terms.StartDate:yyyy-MM-dd}, {Terms.TermMonths} m {Terms.Frequency} {Terms.Method}, " +
        $"grace {Terms.PrincipalGraceMonths}, moratorium {Terms.MoratoriumMonths}, {Terms.DayCount}, as of {AsOf:yyyy-MM-dd}; " +
        string.Join("; ", Transactions.Select(t => t switch
        {
            Disbursement d => $"D {d.Date:yyyy-MM-dd} {d.Amount}",
            Repayment r => $"R {r.Date:yyyy-MM-dd} {r.Amount} {r.PrepaymentMode}",
            Restructuring s => $"{s.GetType().Name} {s.Date:yyyy-MM-dd} [{string.Join(", ", s.Instalments.Select(i => $"{i.DueDate:yyyy-MM-dd} {i.Principal}"))}]",
            _ => t.ToString(),
        }));
}

/// <summary>FsCheck generators for loans and their histories.</summary>
public static class LoanScenarios
{
    private static readonly LocalDate Epoch = new(2025, 1, 1);

    private static readonly LendingPolicy[] Policies =
    [
        LendingPolicy.Default,
        LendingPolicy.Default with { DueDateRule = BusinessDayRule.Unadjusted },
        LendingPolicy.Default with { DueDateRule = BusinessDayRule.Previous, OverdueRatePercentOfInTermRate = 130m, LateInterestRatePercentPerYear = 5m },
        LendingPolicy.Default with { DefaultPrepaymentMode = PrepaymentMode.ReduceInstalments },
    ];

    private static readonly MonthSet[] Moratoria = [MonthSet.None, MonthSet.None, MonthSet.Range(5, 9), MonthSet.Of(2), MonthSet.Range(11, 1)];

    public static Gen<LoanTerms> Terms { get; } =
        from millions in Gen.Choose(1, 5_000)
        from odd in Gen.Choose(0, 999_999)
        from rateBasisPoints in Gen.Choose(0, 2_000)
        from startOffset in Gen.Choose(0, 900)
        from frequency in Gen.Elements(Enum.GetValues<RepaymentFrequency>())
        from periods in Gen.Choose(1, 60)
        from method in Gen.Elements(RepaymentMethod.EqualPrincipal, RepaymentMethod.EqualPrincipal, RepaymentMethod.Annuity, RepaymentMethod.Bullet, RepaymentMethod.Custom)
        from graceQuarters in Gen.Choose(0, 3)
        from moratorium in Gen.Elements(Moratoria)
        from dayCount in Gen.Elements(Enum.GetValues<DayCountBasis>())
        from customWeights in Gen.ListOf(Gen.Choose(0, 10), 6)
        select BuildTerms(Money.Of(millions * 1_000_000L + odd), rateBasisPoints / 100m, Epoch.PlusDays(startOffset),
            frequency, periods, method, graceQuarters, moratorium, dayCount, [.. customWeights]);

    public static Gen<LoanScenario> Scenarios { get; } =
        from terms in Terms
        from policy in Gen.Elements(Policies)
        let schedule = ScheduleGenerator.Generate(terms, policy)
        from history in History(schedule)
        from asOfOffset in Gen.Choose(0, Span(schedule) + 400)
        select new LoanScenario(schedule, policy, history, terms.StartDate.PlusDays(asOfOffset));

    public static Arbitrary<LoanScenario> LoanScenario() => Arb.From(Scenarios);

    /// <summary>Days from the start to the final due date.</summary>
    public static int Span(RepaymentSchedule schedule) => DayCount.DaysBetween(schedule.Terms.StartDate, schedule.FinalDueDate);

    private static LoanTerms BuildTerms(
        Money principal, decimal rate, LocalDate start, RepaymentFrequency frequency, int periods, RepaymentMethod method,
        int graceQuarters, MonthSet moratorium, DayCountBasis dayCount, int[] weights)
    {
        if (method == RepaymentMethod.Custom)
        {
            var count = 1 + periods % 6;
            var total = Math.Max(1, weights.Take(count).Sum());
            var plan = new List<PlannedPrincipal>();
            long assigned = 0;
            for (var i = 0; i < count; i++)
            {
                var amount = i == count - 1 ? principal.Dong - assigned : principal.Dong * weights[i] / total;
                assigned += amount;
                plan.Add(new PlannedPrincipal(start.PlusMonths(2 * (i + 1)), Money.Of(amount)));
            }
            return LoanTerms.Custom(principal, rate, start, 2 * count, plan, dayCount);
        }

        var step = frequency.MonthsPerPeriod(periods);
        var months = frequency == RepaymentFrequency.AtMaturity ? periods : step * (1 + (periods - 1) % Math.Max(1, 60 / step));
        var grace = graceQuarters * months / 4;
        return LoanTerms.Create(principal, rate, start, months, frequency, method, grace >= months ? 0 : grace, moratorium, dayCount);
    }

    private static Gen<LoanTransaction[]> History(RepaymentSchedule schedule)
    {
        var terms = schedule.Terms;
        var span = Span(schedule);
        var principal = terms.Principal.Dong;
        var trancheWindow = Math.Min(60, span - 1);

        var tranches =
            from count in Gen.Choose(1, 3)
            from offsets in Gen.ListOf(Gen.Choose(0, trancheWindow), count)
            from shares in Gen.ListOf(Gen.Choose(1, 10), count)
            from full in Gen.Elements(true, true, true, false)
            select Tranches(terms, principal, [.. offsets], [.. shares], full);

        var repayment =
            from offset in Gen.Choose(0, span + 200)
            from size in Gen.Frequency(
                (4, Gen.Choose(1, 100).Select(p => Math.Max(1, principal * p / 400))),
                (1, Gen.Choose(1, 100_000).Select(p => (long)p)))
            from mode in Gen.Elements<PrepaymentMode?>(null, PrepaymentMode.ShortenTerm, PrepaymentMode.ReduceInstalments)
            select (LoanTransaction)new Repayment(terms.StartDate.PlusDays(offset), Money.Of(size), mode);

        var restructuring =
            from kind in Gen.Choose(0, 5)
            from offset in Gen.Choose(trancheWindow + 1, Math.Max(trancheWindow + 1, span - 1))
            from count in Gen.Choose(1, 4)
            from amounts in Gen.ListOf(Gen.Choose(0, 100), count)
            select Restructure(schedule, kind, terms.StartDate.PlusDays(offset), principal, [.. amounts]);

        // Now and then a payment of 100–150 % of the principal, to settle the loan and leave a refundable excess.
        var settlement =
            from offset in Gen.Choose(0, span + 200)
            from percent in Gen.Choose(100, 150)
            from happens in Gen.Elements(false, false, false, true)
            select happens ? [new Repayment(terms.StartDate.PlusDays(offset), Money.Of(principal * percent / 100))] : Array.Empty<LoanTransaction>();

        return
            from disbursed in tranches
            from repayments in Gen.ListOf(repayment).Resize(20)
            from settled in settlement
            from restructured in restructuring
            select (LoanTransaction[])[.. disbursed, .. repayments, .. settled, .. restructured];
    }

    private static IEnumerable<LoanTransaction> Tranches(LoanTerms terms, long principal, int[] offsets, int[] shares, bool full)
    {
        var total = shares.Sum() + (full ? 0 : 1);
        long assigned = 0;
        var ordered = offsets.Order().ToArray();
        ordered[0] = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            var amount = full && i == ordered.Length - 1 ? principal - assigned : principal * shares[i] / total;
            assigned += amount;
            if (amount > 0)
                yield return new Disbursement(terms.StartDate.PlusDays(ordered[i]), Money.Of(amount));
        }
    }

    /// <summary>Nothing (kinds 0–3), a schedule adjustment within the term (4) or an extension past it (5).</summary>
    private static IEnumerable<LoanTransaction> Restructure(RepaymentSchedule schedule, int kind, LocalDate date, long principal, int[] amounts)
    {
        var final = schedule.FinalDueDate;
        var room = DayCount.DaysBetween(date, final);
        var plan = new List<PlannedPrincipal>();
        if (kind == 4 && room >= amounts.Length)
        {
            for (var i = 1; i <= amounts.Length; i++)
                plan.Add(new PlannedPrincipal(date.PlusDays(room * i / amounts.Length), Money.Of(principal * amounts[i - 1] / 300)));
            yield return new ScheduleAdjustment(date, plan);
        }
        else if (kind == 5 && room >= 0)
        {
            for (var i = 1; i <= amounts.Length; i++)
                plan.Add(new PlannedPrincipal(final.PlusDays(30 * i), Money.Of(principal * amounts[i - 1] / 300)));
            yield return new Extension(date, plan);
        }
    }
}
