using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Capital;

/// <summary>The capital figures at the end of a business date.</summary>
public sealed record CapitalFigures(
    LocalDate AsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CharterCapital,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RetainedResult,
    LocalDate? RetainedResultAsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money ActualCharterCapital);

/// <summary>
/// The movements of one value date on the capital ledger, summed over its lines (whole đồng, signed as they affect each
/// figure), and the retained result recorded for that date, if any (the last record wins).
/// </summary>
public sealed record CapitalDay(LocalDate Date)
{
    public long Charter { get; init; }
    public long Cash { get; init; }
    public long ProvisionChange { get; init; }
    public long Disbursed { get; init; }
    public long PrincipalRepaid { get; init; }
    public long InterestReceived { get; init; }
    public long Grant { get; init; }
    public long EntrustedCapital { get; init; }
    public long Borrowing { get; init; }
    public long DevelopmentInvestmentFund { get; init; }
    public long OtherSource { get; init; }
    /// <summary>Provisions used against loans' principal (positive).</summary>
    public long ProvisionUsed { get; init; }
    /// <summary>Principal taken off the balance sheet (positive).</summary>
    public long PrincipalOffBalance { get; init; }
    /// <summary>Money recovered on loans off the balance sheet (recovery income).</summary>
    public long Recovered { get; init; }
    /// <summary>The retained result recorded for this date (its latest record), or null when none is.</summary>
    public long? RetainedResult { get; init; }

    /// <summary>Other-source capital received − repaid on this date, of one kind.</summary>
    public long Other(OtherCapitalSourceKind kind) => kind switch
    {
        OtherCapitalSourceKind.Grant => Grant,
        OtherCapitalSourceKind.EntrustedCapital => EntrustedCapital,
        OtherCapitalSourceKind.Borrowing => Borrowing,
        OtherCapitalSourceKind.DevelopmentInvestmentFund => DevelopmentInvestmentFund,
        _ => OtherSource,
    };

    /// <summary>Other-source capital received − repaid on this date, of every kind.</summary>
    public long OtherCapital => Grant + EntrustedCapital + Borrowing + DevelopmentInvestmentFund + OtherSource;

    private CapitalDay WithOther(OtherCapitalSourceKind kind, long change) => kind switch
    {
        OtherCapitalSourceKind.Grant => this with { Grant = Grant + change },
        OtherCapitalSourceKind.EntrustedCapital => this with { EntrustedCapital = EntrustedCapital + change },
        OtherCapitalSourceKind.Borrowing => this with { Borrowing = Borrowing + change },
        OtherCapitalSourceKind.DevelopmentInvestmentFund => this with { DevelopmentInvestmentFund = DevelopmentInvestmentFund + change },
        _ => this with { OtherSource = OtherSource + change },
    };

    /// <summary>
    /// The day after lines of <paramref name="kind"/> whose signed amounts sum to <paramref name="amount"/> (principal
    /// and interest: their repaid and received parts, signed likewise). The one place that says which figures a kind of
    /// line moves, for a single line (<see cref="Of"/>) and for the sums the database adds up per day
    /// (<see cref="CapitalLedgerSums"/>). A retained result is a balance: <paramref name="amount"/> is then the last
    /// record's, which replaces the day's.
    /// </summary>
    public CapitalDay With(CapitalEntryKind kind, OtherCapitalSourceKind? other, long amount, long principal, long interest) => kind switch
    {
        CapitalEntryKind.CharterCapitalContribution or CapitalEntryKind.CharterCapitalWithdrawal =>
            this with { Charter = Charter + amount, Cash = Cash + amount },
        CapitalEntryKind.RetainedResult => this with { RetainedResult = amount },
        CapitalEntryKind.LoanDisbursement or CapitalEntryKind.LoanOpeningBalance => this with { Cash = Cash + amount, Disbursed = Disbursed - amount },
        CapitalEntryKind.LoanRepayment or CapitalEntryKind.LoanRepaymentReversal => this with
        {
            Cash = Cash + amount, PrincipalRepaid = PrincipalRepaid + principal, InterestReceived = InterestReceived + interest,
        },
        CapitalEntryKind.OtherCapitalReceipt or CapitalEntryKind.OtherCapitalRepayment =>
            WithOther(other ?? throw new ArgumentException("Other capital without its kind.", nameof(other)), amount) with { Cash = Cash + amount },
        CapitalEntryKind.ProvisionChange => this with { ProvisionChange = ProvisionChange + amount },
        CapitalEntryKind.ProvisionUse => this with { ProvisionUsed = ProvisionUsed - amount },
        CapitalEntryKind.PrincipalOffBalance => this with { PrincipalOffBalance = PrincipalOffBalance - amount },
        CapitalEntryKind.LoanRecovery => this with { Cash = Cash + amount, Recovered = Recovered + amount },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of capital entry."),
    };

    /// <summary>The day after <paramref name="e"/>.</summary>
    public CapitalDay With(CapitalEntry e) => With(e.Kind, e.OtherKind, e.Amount.Dong, e.PrincipalRepaid.Dong, e.InterestReceived.Dong);

    /// <summary>What <paramref name="e"/> alone moves on its value date.</summary>
    public static CapitalDay Of(CapitalEntry e) => new CapitalDay(e.ValueDate).With(e);
}

/// <summary>
/// A fund's capital ledger as sums per value date (<see cref="CapitalDay"/>, sorted by date) and the entry of each booked
/// provision month: every figure as of a date is summed from the days on or before it, so a backdated line re-values
/// every later date. Built from the ledger's lines (<see cref="CapitalLedgerEntry"/>), which the database sums per day
/// (<see cref="FundCapital.LedgerAsync"/>), or in memory line by line (<see cref="Add"/>).
/// </summary>
public sealed record FundCapitalLedger
{
    /// <summary>The movements of each value date with a line, by date.</summary>
    public ImmutableList<CapitalDay> Days { get; init; } = [];

    /// <summary>The provision change booked for each month (yyyy-MM → its entry id; the first booking when there are several).</summary>
    public ImmutableSortedDictionary<string, Guid> ProvisionMonths { get; init; } = ImmutableSortedDictionary<string, Guid>.Empty;

    /// <summary>The ledger of <paramref name="entries"/>, in the order recorded.</summary>
    public static FundCapitalLedger Of(IEnumerable<CapitalEntry> entries) => entries.Aggregate(new FundCapitalLedger(), (l, e) => l.Add(e));

    /// <summary>The ledger with one more line, recorded after every line it holds.</summary>
    public FundCapitalLedger Add(CapitalEntry e)
    {
        var added = Change(e.ValueDate, d => d.With(e));
        return e.Kind == CapitalEntryKind.ProvisionChange ? added.WithProvisionMonth(e.Reference, e.EntryId) : added;
    }

    /// <summary>The ledger with <paramref name="change"/> made to the day <paramref name="date"/>.</summary>
    internal FundCapitalLedger Change(LocalDate date, Func<CapitalDay, CapitalDay> change)
    {
        var days = Days;
        if (days.Count > 0 && days[^1].Date == date) days = days.SetItem(days.Count - 1, change(days[^1])); // the common case: today
        else if (days.Count == 0 || days[^1].Date < date) days = days.Add(change(new CapitalDay(date)));
        else
        {
            var index = days.BinarySearch(new CapitalDay(date), ByDate);
            days = index >= 0 ? days.SetItem(index, change(days[index])) : days.Insert(~index, change(new CapitalDay(date)));
        }
        return this with { Days = days };
    }

    /// <summary>The provision of <paramref name="month"/> booked by <paramref name="entryId"/>, unless one is already.</summary>
    internal FundCapitalLedger WithProvisionMonth(string month, Guid entryId) =>
        ProvisionMonths.ContainsKey(month) ? this : this with { ProvisionMonths = ProvisionMonths.Add(month, entryId) };

    private static readonly IComparer<CapitalDay> ByDate = Comparer<CapitalDay>.Create((a, b) => a.Date.CompareTo(b.Date));

    /// <summary>The sum of <paramref name="value"/> over the days on or before <paramref name="asOf"/>.</summary>
    private long SumTo(LocalDate asOf, Func<CapitalDay, long> value)
    {
        var sum = 0L;
        foreach (var day in Days)
        {
            if (day.Date > asOf) break;
            sum += value(day);
        }
        return sum;
    }

    /// <summary>The lowest running sum of <paramref name="value"/> at the end of <paramref name="from"/> and of every
    /// later value date (one pass: the sum up to <paramref name="from"/>, then each later day added in turn).</summary>
    private long LowestFrom(LocalDate from, Func<CapitalDay, long> value)
    {
        var sum = 0L;
        var lowest = (long?)null;
        foreach (var day in Days)
        {
            if (day.Date > from && lowest is null) lowest = sum;
            sum += value(day);
            if (lowest is not null) lowest = Math.Min(lowest.Value, sum);
        }
        return lowest ?? sum;
    }

    public CapitalFigures FiguresAsOf(LocalDate asOf)
    {
        var charter = 0L;
        CapitalDay? retained = null;
        foreach (var day in Days)
        {
            if (day.Date > asOf) break;
            charter += day.Charter;
            if (day.RetainedResult is not null) retained = day;
        }
        var result = Money.Of(retained?.RetainedResult ?? 0);
        return new(asOf, Money.Of(charter), result, retained?.Date, LendingLimits.ActualCharterCapital(Money.Of(charter), result));
    }

    /// <summary>The fund's cash at the end of <paramref name="asOf"/>: charter contributions − withdrawals − loan
    /// disbursements + repayments received (− their reversals) + recoveries + other capital received − repaid.</summary>
    public Money CashAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.Cash));

    /// <summary>Loan-loss provisions booked with a value date on or before <paramref name="asOf"/> (the sum of the changes).</summary>
    public Money ProvisionsBookedAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.ProvisionChange));

    /// <summary>Loan-loss provisions used against loans' principal with a value date on or before <paramref name="asOf"/>.</summary>
    public Money ProvisionsUsedAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.ProvisionUsed));

    /// <summary>Loan-loss provisions held at the end of <paramref name="asOf"/>: booked − used.</summary>
    public Money ProvisionsHeldAsOf(LocalDate asOf) => ProvisionsBookedAsOf(asOf) - ProvisionsUsedAsOf(asOf);

    /// <summary>Principal taken off the balance sheet (loans whose provisions were used) on or before <paramref name="asOf"/>:
    /// tracked off-balance, still owed by the borrowers.</summary>
    public Money PrincipalOffBalanceAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.PrincipalOffBalance));

    /// <summary>Money recovered on loans off the balance sheet with a value date on or before <paramref name="asOf"/>.</summary>
    public Money RecoveredAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.Recovered));

    /// <summary>Whether the provision change of <paramref name="month"/> (yyyy-MM) is already booked.</summary>
    public bool ProvisionBookedFor(string month) => ProvisionMonths.ContainsKey(month);

    /// <summary>The entry that booked the provision change of <paramref name="month"/> (yyyy-MM), or null.</summary>
    public Guid? ProvisionEntryFor(string month) => ProvisionMonths.TryGetValue(month, out var id) ? id : null;

    /// <summary>Capital from other sources held at the end of <paramref name="asOf"/> (received − repaid).</summary>
    public Money OtherCapitalAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.OtherCapital));

    /// <summary>Capital from other sources of <paramref name="kind"/> held at the end of <paramref name="asOf"/> (received − repaid).</summary>
    public Money OtherCapitalAsOf(LocalDate asOf, OtherCapitalSourceKind kind) => Money.Of(SumTo(asOf, d => d.Other(kind)));

    /// <summary>The lowest balance of other-source capital on any date from <paramref name="from"/> on.</summary>
    public Money LowestOtherCapitalFrom(LocalDate from) => Money.Of(LowestFrom(from, d => d.OtherCapital));

    /// <summary>Principal paid out to borrowers with a value date on or before <paramref name="asOf"/>.</summary>
    public Money DisbursedAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.Disbursed));

    /// <summary>Principal repaid by borrowers (net of reversals) with a value date on or before <paramref name="asOf"/>.</summary>
    public Money PrincipalRepaidAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.PrincipalRepaid));

    /// <summary>Interest (contractual and penalty) received from borrowers (net of reversals) with a value date on or before <paramref name="asOf"/>.</summary>
    public Money InterestReceivedAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.InterestReceived));

    /// <summary>Principal disbursed, not yet repaid and still on the balance sheet at the end of <paramref name="asOf"/>
    /// (the principal of loans whose provisions were used is tracked off-balance: <see cref="PrincipalOffBalanceAsOf"/>).</summary>
    public Money OutstandingPrincipalAsOf(LocalDate asOf) => DisbursedAsOf(asOf) - PrincipalRepaidAsOf(asOf) - PrincipalOffBalanceAsOf(asOf);

    /// <summary>The lowest cash balance on any date from <paramref name="from"/> on: money paid out (or withdrawn) on
    /// that date must not exceed it, or the books would show negative cash on some date (a backdated payment
    /// re-values every later date).</summary>
    public Money LowestCashFrom(LocalDate from) => Money.Of(LowestFrom(from, d => d.Cash));

    /// <summary>The lowest charter capital on any date from <paramref name="from"/> on: a withdrawal on that date
    /// must not exceed it, or the books would show negative charter capital on some date.</summary>
    public Money LowestCharterCapitalFrom(LocalDate from) => Money.Of(LowestFrom(from, d => d.Charter));
}
