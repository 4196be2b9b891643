using FsCheck;
using FsCheck.Fluent;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using NodaTime;

namespace HtxFund.Tests.Capital;

/// <summary>A random history of what moves a fund's capital (the capital stream's events and the loans' disbursements,
/// repayments and reversals, in the order recorded) and random dates to read it at.</summary>
public sealed record CapitalScenario(object[] Events, LocalDate AsOf, LocalDate From, string Month)
{
    public override string ToString() =>
        $"as of {AsOf:yyyy-MM-dd}, from {From:yyyy-MM-dd}, month {Month}: " + string.Join("; ", EntryListLedger.Of(Events).Entries
            .Select(x => $"{x.Kind} {x.ValueDate:yyyy-MM-dd} {x.Amount.Dong} {x.Source}"));
}

/// <summary>FsCheck generators of capital events: every kind, value dates crowded into a few weeks (many entries share a
/// date, dates arrive out of order), amounts of either sign where the ledger allows it (it records, it does not judge).</summary>
public static class CapitalScenarios
{
    private static readonly LocalDate Epoch = new(2025, 12, 1);
    private static readonly Instant At = AppFixture.Start;
    private static readonly string[] Months = ["2025-12", "2026-01", "2026-02"];

    /// <summary>The kinds <see cref="Build"/> makes: 0–2 and 6–8 on the capital stream, 3–5 on a loan's stream.</summary>
    public const int Kinds = 9;

    private static Gen<LocalDate> Dates { get; } = Gen.Choose(-5, 75).Select(d => Epoch.PlusDays(d));
    private static Gen<LocalDate> ReadingDates { get; } = Gen.Choose(-35, 80).Select(d => Epoch.PlusDays(d));
    private static Gen<Money> Amounts { get; } = Gen.Choose(1, 2_000_000).Select(n => Money.Of(n * 1_000L));
    private static Gen<Money> Signed { get; } = Gen.Choose(-2_000_000, 2_000_000).Select(n => Money.Of(n * 1_000L));

    public static Gen<object[]> Events { get; } =
        from kind in Gen.Choose(0, Kinds - 1)
        from date in Dates
        from amount in Amounts
        from signed in Signed
        from part in Gen.Choose(0, 100)
        from source in Gen.Elements(Enum.GetValues<OtherCapitalSourceKind>())
        from month in Gen.Elements(Months)
        select Build(kind, date, amount, signed, part, source, month);

    /// <summary>The events of one entry of <paramref name="kind"/>: one event, or for a reversal (5) the repayment and its
    /// reversal on the same loan. A repayment's <paramref name="part"/> % is principal, half the rest interest, the rest
    /// refundable excess.</summary>
    public static object[] Build(int kind, LocalDate date, Money amount, Money signed, int part, OtherCapitalSourceKind source, string month)
    {
        var id = Guid.NewGuid();
        return kind switch
        {
            0 => [new CharterCapitalContributed(id, amount, "Ngân sách tỉnh", "12/QĐ", date.PlusDays(-3), date, Actor.System, At)],
            1 => [new CharterCapitalWithdrawn(id, amount, "Ngân sách tỉnh", "88/QĐ", date.PlusDays(-3), date, "Điều chuyển", Actor.System, At)],
            2 => [new RetainedResultRecorded(id, signed, date, "BCTC", Actor.System, At)],
            3 => [new TrancheDisbursed(Guid.NewGuid(), Guid.NewGuid(), amount.Dong, date, id, Actor.System, At)],
            4 => [Repayment(Guid.NewGuid(), id, date, amount, part)],
            5 => Reversed(Repayment(Guid.NewGuid(), Guid.NewGuid(), date, amount, part), id),
            6 => [new OtherCapitalReceived(id, source, amount, "Quỹ TW", "5/QĐ", date.PlusDays(-1), date, Actor.System, At)],
            7 => [new OtherCapitalRepaid(id, source, amount, "Quỹ TW", "6/QĐ", date.PlusDays(-1), date, "Hoàn trả", Actor.System, At)],
            _ => [new ProvisionBooked(id, month, date, amount, signed, Guid.NewGuid(), Actor.System, At)],
        };
    }

    /// <summary>A repayment of <paramref name="amount"/> on a loan, <paramref name="part"/> % principal, split over several
    /// parts of the waterfall.</summary>
    public static LoanRepaymentRecorded Repayment(Guid loanId, Guid entryId, LocalDate date, Money amount, int part)
    {
        var principal = amount.Dong * part / 100;
        var interest = (amount.Dong - principal) / 2;
        var allocation = new PaymentAllocation(amount, Money.Of(interest / 5), Money.Of(interest / 4), Money.Zero, Money.Of(principal / 3),
            Money.Of(interest - interest / 5 - interest / 4), Money.Of(principal - principal / 3), Money.Zero, Money.Zero,
            Money.Of(amount.Dong - principal - interest));
        return new LoanRepaymentRecorded(loanId, Guid.NewGuid(), amount.Dong, date, RepaymentChannel.BankTransfer, $"GBC {entryId:N}"[..12],
            allocation, entryId, null, Actor.System, At);
    }

    /// <summary>The repayment and its reversal (line <paramref name="entryId"/>).</summary>
    public static object[] Reversed(LoanRepaymentRecorded repayment, Guid entryId) =>
        [repayment, new LoanRepaymentReversed(repayment.LoanId, repayment.RepaymentId, "Nhầm", entryId, Actor.System, At)];

    public static Gen<CapitalScenario> Scenarios { get; } =
        from count in Gen.Choose(0, 60)
        from events in Gen.ArrayOf(Events, count)
        from foundingAt in Gen.Choose(0, count)
        from asOf in ReadingDates
        from fromDate in ReadingDates
        from month in Gen.Elements(Months)
        select new CapitalScenario([.. events[..foundingAt].SelectMany(e => e), Founding(), .. events[foundingAt..].SelectMany(e => e)],
            asOf, fromDate, month);

    /// <summary>The founding contribution, before every other date, large enough that no withdrawal takes the charter
    /// capital below zero on any date (the withdrawal rule refuses that, and the actual charter capital is undefined).</summary>
    public static CharterCapitalContributed Founding() =>
        new(Guid.NewGuid(), Money.Of(1_000_000_000_000), "Ngân sách tỉnh", "1/QĐ", Epoch.PlusDays(-40), Epoch.PlusDays(-30), Actor.System, At);

    public static Arbitrary<CapitalScenario> CapitalScenario() => Arb.From(Scenarios);
}

/// <summary>The ledger as a list of every entry in the order recorded, every figure a scan over it: the oracle the daily
/// sums (in memory and in the database) are checked against.</summary>
public sealed class EntryListLedger(IReadOnlyList<CapitalEntry> entries)
{
    /// <summary>The entries of <paramref name="events"/> in the order recorded (a reversal takes its repayment's amounts).</summary>
    public static EntryListLedger Of(IEnumerable<object> events)
    {
        var repayments = new Dictionary<Guid, LoanRepaymentRecorded>();
        var entries = new List<CapitalEntry>();
        foreach (var e in events)
        {
            if (e is LoanRepaymentRecorded r) repayments[r.RepaymentId] = r;
            if ((e is LoanRepaymentReversed v ? CapitalEntries.Reversal(v, repayments[v.RepaymentId]) : CapitalEntries.Of(e)) is { } entry)
                entries.Add(entry);
        }
        return new(entries);
    }

    public IReadOnlyList<CapitalEntry> Entries { get; } = entries;

    public IReadOnlyList<CapitalEntry> EntriesUpTo(LocalDate asOf) =>
        Entries.Where(e => e.ValueDate <= asOf).OrderBy(e => e.ValueDate).ToArray(); // a stable sort: each date's entries in the order recorded

    public CapitalFigures FiguresAsOf(LocalDate asOf)
    {
        var entries = EntriesUpTo(asOf);
        var charter = Money.Sum(entries.Where(e => e.Kind is CapitalEntryKind.CharterCapitalContribution or CapitalEntryKind.CharterCapitalWithdrawal)
            .Select(e => e.Amount));
        var retained = entries.LastOrDefault(e => e.Kind == CapitalEntryKind.RetainedResult);
        var result = retained?.Amount ?? Money.Zero;
        return new(asOf, charter, result, retained?.ValueDate, LendingLimits.ActualCharterCapital(charter, result));
    }

    public Money CashAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf && e.MovesCash).Select(e => e.Amount));

    public Money ProvisionsBookedAsOf(LocalDate asOf) =>
        Money.Sum(Entries.Where(e => e.ValueDate <= asOf && e.Kind == CapitalEntryKind.ProvisionChange).Select(e => e.Amount));

    public bool ProvisionBookedFor(string month) => Entries.Any(e => e.Kind == CapitalEntryKind.ProvisionChange && e.Reference == month);

    public Guid? ProvisionEntryFor(string month) =>
        Entries.FirstOrDefault(e => e.Kind == CapitalEntryKind.ProvisionChange && e.Reference == month)?.EntryId;

    public Money OtherCapitalAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf &&
        e.Kind is CapitalEntryKind.OtherCapitalReceipt or CapitalEntryKind.OtherCapitalRepayment).Select(e => e.Amount));

    public Money OtherCapitalAsOf(LocalDate asOf, OtherCapitalSourceKind kind) => Money.Sum(EntriesUpTo(asOf)
        .Where(e => e.Kind is CapitalEntryKind.OtherCapitalReceipt or CapitalEntryKind.OtherCapitalRepayment
                    && e.Source is { } src && src.StartsWith($"{kind}:", StringComparison.Ordinal))
        .Select(e => e.Amount));

    public Money LowestOtherCapitalFrom(LocalDate from) =>
        Entries.Where(e => e.ValueDate > from).Select(e => e.ValueDate).Append(from).Distinct().Select(OtherCapitalAsOf).Min();

    public Money DisbursedAsOf(LocalDate asOf) =>
        -Money.Sum(Entries.Where(e => e.ValueDate <= asOf && e.Kind == CapitalEntryKind.LoanDisbursement).Select(e => e.Amount));

    public Money PrincipalRepaidAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf).Select(e => e.PrincipalRepaid));

    public Money InterestReceivedAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf).Select(e => e.InterestReceived));

    public Money OutstandingPrincipalAsOf(LocalDate asOf) => DisbursedAsOf(asOf) - PrincipalRepaidAsOf(asOf);

    public Money LowestCashFrom(LocalDate from) =>
        Entries.Where(e => e.ValueDate > from).Select(e => e.ValueDate).Append(from).Distinct().Select(CashAsOf).Min();

    public Money LowestCharterCapitalFrom(LocalDate from) =>
        Entries.Where(e => e.ValueDate > from).Select(e => e.ValueDate).Append(from).Distinct().Select(d => FiguresAsOf(d).CharterCapital).Min();

    /// <summary>Every line up to <paramref name="asOf"/> with the charter capital, retained result and cash right after it
    /// (the old GET /api/capital computation).</summary>
    public IReadOnlyList<(CapitalEntry Entry, Money Charter, Money Retained, Money Cash)> LinesUpTo(LocalDate asOf)
    {
        var (charter, retained, cash) = (Money.Zero, Money.Zero, Money.Zero);
        var lines = new List<(CapitalEntry, Money, Money, Money)>();
        foreach (var e in EntriesUpTo(asOf))
        {
            if (e.Kind == CapitalEntryKind.RetainedResult) retained = e.Amount;
            else if (e.Kind is CapitalEntryKind.CharterCapitalContribution or CapitalEntryKind.CharterCapitalWithdrawal) charter += e.Amount;
            if (e.MovesCash) cash += e.Amount;
            lines.Add((e, charter, retained, cash));
        }
        return lines;
    }
}
