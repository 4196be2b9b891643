using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Lending.Tests.Accounting;

/// <summary>A random money movement's postings, and a mapping to post them with (the default one, or the default accounts
/// shuffled: the rules never depend on which accounts a fund chose).</summary>
public sealed record PostingScenario(string Movement, IReadOnlyList<Posting> Postings, long Amount, AccountingMapping Mapping)
{
    public override string ToString() => $"{Movement} {Amount}: {string.Join(", ", Postings)}";
}

public static class PostingScenarios
{
    private static Gen<long> Amounts { get; } = Gen.Choose(0, 2_000_000).Select(n => n * 1_000L + n % 7);
    private static Gen<long> Signed { get; } = Gen.Choose(-2_000_000, 2_000_000).Select(n => n * 997L);

    private static Gen<PaymentAllocation> Allocations { get; } =
        from parts in Gen.ArrayOf(Amounts, 9)
        select new PaymentAllocation(Money.Of(parts.Sum()), Money.Of(parts[0]), Money.Of(parts[1]), Money.Of(parts[2]), Money.Of(parts[3]),
            Money.Of(parts[4]), Money.Of(parts[5]), Money.Of(parts[6]), Money.Of(parts[7]), Money.Of(parts[8]));

    private static Gen<AccountingMapping> Mappings { get; } =
        from seed in Gen.Choose(0, 1_000)
        select seed % 3 == 0 ? AccountingDefaults.Mapping : Shuffled(seed);

    /// <summary>The default mapping with its accounts renamed at random (debit and credit of a rule stay different).</summary>
    private static AccountingMapping Shuffled(int seed)
    {
        var accounts = AccountingDefaults.Chart.Accounts.Select(a => a.Number).ToArray();
        var shuffled = accounts.ToArray();
        new Random(seed).Shuffle(shuffled);
        var renamed = accounts.Zip(shuffled)
            .ToDictionary(p => p.First, p => p.Second + "." + seed);
        return new([.. AccountingDefaults.Mapping.Rules.Select(r => r with { Debit = renamed[r.Debit], Credit = renamed[r.Credit] })]);
    }

    public static Gen<InterestReceivables> Receivables { get; } =
        from c in Signed
        from p in Signed
        from o in Signed
        select new InterestReceivables(c, p, o);

    public static Arbitrary<InterestReceivables> ReceivablesArbitrary() => Receivables.ToArbitrary();

    public static Arbitrary<PostingScenario> Scenarios() => (
        from kind in Gen.Choose(0, 7)
        from amount in Amounts
        from other in Amounts
        from third in Amounts
        from signed in Signed
        from capitalKind in Gen.Elements(Enum.GetValues<PostingKind>().Take(12).ToArray())
        from allocation in Allocations
        from target in Receivables
        from current in Receivables
        from mapping in Mappings
        select kind switch
        {
            0 => new PostingScenario("capital", Postings.Of(capitalKind, amount), amount, mapping),
            1 => new PostingScenario("repayment", Postings.Repayment(allocation), allocation.Payment.Dong, mapping),
            2 => new PostingScenario("reversal", Postings.Reversal(Postings.Repayment(allocation)), allocation.Payment.Dong, mapping),
            3 => new PostingScenario("provision change", Postings.ProvisionChange(signed), Math.Abs(signed), mapping),
            4 => new PostingScenario("provision use", Postings.ProvisionUse(amount + other, amount, other), 2 * (amount + other), mapping),
            5 => new PostingScenario("recovery", Postings.Recovery(amount, other), amount + Math.Min(amount, other), mapping),
            6 => new PostingScenario("write-off", Postings.WriteOffFromBooks(third), third, mapping),
            _ => new PostingScenario("true-up", Postings.AccrualTrueUp(target, current),
                Math.Abs(target.Contractual - current.Contractual) + Math.Abs(target.Penalty - current.Penalty)
                + Math.Abs(target.OffBalance - current.OffBalance), mapping),
        }).ToArbitrary();
}

/// <summary>Invariants of the posting rules over random movements and mappings (FsCheck).</summary>
[Properties(Arbitrary = [typeof(PostingScenarios)], MaxTest = 300)]
public class posting_properties
{
    [Property]
    public bool every_voucher_balances_has_no_zero_line_and_posts_the_movements_whole_amount(PostingScenario s)
    {
        var lines = Postings.Lines(s.Postings, s.Mapping);
        return lines.Sum(l => l.Debit) == lines.Sum(l => l.Credit)
            && lines.All(l => (l.Debit > 0 && l.Credit == 0) || (l.Credit > 0 && l.Debit == 0))
            && lines.All(l => l.Account != l.CounterAccount)
            && s.Postings.All(p => p.Amount > 0)
            && lines.Sum(l => l.Debit) == s.Amount;
    }

    [Property]
    public bool a_reversal_of_the_postings_nets_every_account_to_zero_and_reversing_it_again_gives_them_back(PostingScenario s)
    {
        var reversal = Postings.Reversal(s.Postings);
        var net = Postings.Lines([.. s.Postings, .. reversal], s.Mapping)
            .GroupBy(l => l.Account)
            .All(g => g.Sum(l => l.Debit - l.Credit) == 0);
        return net && Postings.Reversal(reversal).SequenceEqual(s.Postings)
            && (Postings.ReceivableChange(s.Postings) + Postings.ReceivableChange(reversal)).IsZero;
    }

    [Property]
    public bool the_true_up_brings_the_receivables_to_the_target(InterestReceivables target, InterestReceivables current)
    {
        var trueUp = Postings.AccrualTrueUp(target, current);
        return current + Postings.ReceivableChange(trueUp) == target && trueUp.All(p => p.Amount > 0) && trueUp.Count <= 3
            && (trueUp.Count == 0) == (target == current);
    }

    [Property]
    public bool a_posting_date_never_falls_in_a_closed_month_and_never_before_the_movement(PositiveInt day, NonNegativeInt closedMonths,
        NonNegativeInt firstClosed)
    {
        var date = new LocalDate(2024, 1, 1).PlusDays(day.Get % 1_500);
        var first = new LocalDate(2024, 1, 1).PlusMonths(firstClosed.Get % 48);
        var closed = Enumerable.Range(0, closedMonths.Get % 24).Select(i => AccountingPeriods.MonthOf(first.PlusMonths(i))).ToList();
        var posted = AccountingPeriods.PostingDate(date, closed);
        var through = AccountingPeriods.ClosedThrough(closed);
        return posted >= date
            && (through is null || string.CompareOrdinal(AccountingPeriods.MonthOf(posted), through) > 0)
            && (posted == date) == !AccountingPeriods.IsClosed(date, through)
            && (posted == date || posted.Day == 1);
    }
}
