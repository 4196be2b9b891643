using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Lending;
using Marten;
using NodaTime;

namespace HtxFund.Capital;

// ---- Events of the fund's capital stream (one stream per fund). Amounts are whole đồng, stored as JSON numbers. ----

/// <summary>Charter capital paid in (e.g. from the provincial budget, Decree 45/2021 Art 37), on the decision
/// <paramref name="DecisionNumber"/> of <paramref name="DecisionDate"/>, received on <paramref name="ValueDate"/>.</summary>
public sealed record CharterCapitalContributed(
    Guid EntryId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    Actor By,
    Instant At);

/// <summary>Charter capital returned or reduced by a decision of the competent body, on <paramref name="ValueDate"/>.</summary>
public sealed record CharterCapitalWithdrawn(
    Guid EntryId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    string Reason,
    Actor By,
    Instant At);

/// <summary>
/// The fund's undistributed surplus (positive) or unhandled loss (negative) <b>at</b> <paramref name="AsOf"/>, from
/// closed books (<paramref name="Reference"/>: the statement or decision). A balance, not a movement: as of any date
/// the retained result is the one recorded for the latest <c>AsOf</c> on or before it, and a later record for the same
/// date corrects an earlier one (Decree 45/2021 Art 2.3).
/// </summary>
public sealed record RetainedResultRecorded(
    Guid EntryId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money SurplusOrLoss,
    LocalDate AsOf,
    string Reference,
    Actor By,
    Instant At);

/// <summary>A confirmed loan tranche paid out of the fund's cash on <paramref name="ValueDate"/> (the cash-out matching
/// <see cref="Loans.TrancheDisbursed"/> on the loan stream, appended in the same transaction).</summary>
public sealed record LoanTranchePaidOut(
    Guid EntryId,
    Guid LoanId,
    Guid TrancheId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    LocalDate ValueDate,
    string ContractNumber,
    string Reference,
    Actor By,
    Instant At);

/// <summary>A loan repayment received into the fund's cash on <paramref name="ValueDate"/> (the cash-in matching
/// <see cref="Loans.LoanRepaymentRecorded"/>, same transaction): <paramref name="Principal"/> lowers the outstanding
/// principal, <paramref name="Interest"/> (contractual and penalty) is interest received, and
/// <paramref name="RefundableExcess"/> is held for the borrower.</summary>
public sealed record LoanRepaymentReceived(
    Guid EntryId,
    Guid LoanId,
    Guid RepaymentId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Principal,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Interest,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RefundableExcess,
    LocalDate ValueDate,
    string ContractNumber,
    string Reference,
    Actor By,
    Instant At);

/// <summary>The reversal of a wrongly recorded repayment (matching <see cref="Loans.LoanRepaymentReversed"/>): the same
/// amounts taken back out, on the original value date.</summary>
public sealed record LoanRepaymentReceiptReversed(
    Guid EntryId,
    Guid LoanId,
    Guid RepaymentId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Principal,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Interest,
    LocalDate ValueDate,
    string ContractNumber,
    string Reason,
    Actor By,
    Instant At);

/// <summary>The kinds of entry on the capital ledger.</summary>
public enum CapitalEntryKind
{
    CharterCapitalContribution,
    CharterCapitalWithdrawal,
    RetainedResult,
    LoanDisbursement,
    LoanRepayment,
    LoanRepaymentReversal,
    OtherCapitalReceipt,
    OtherCapitalRepayment,
    /// <summary>The change of required loan-loss provisions booked by a monthly classification run (moves no cash).</summary>
    ProvisionChange,
}

/// <summary>Where capital other than charter capital comes from (Decree 45/2021 Art 32, 36): grants and aid, capital
/// entrusted by the central fund or another body for on-lending (Art 30), borrowing and mobilisation, the
/// development-investment fund, and other lawful sources.</summary>
public enum OtherCapitalSourceKind { Grant, EntrustedCapital, Borrowing, DevelopmentInvestmentFund, Other }

/// <summary>Capital from a source other than the charter capital received into the fund's cash.</summary>
public sealed record OtherCapitalReceived(
    Guid EntryId,
    OtherCapitalSourceKind Kind,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    Actor By,
    Instant At);

/// <summary>Capital of another source paid back out of the fund's cash (a borrowing repaid, entrusted capital returned).</summary>
public sealed record OtherCapitalRepaid(
    Guid EntryId,
    OtherCapitalSourceKind Kind,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    string Reason,
    Actor By,
    Instant At);

/// <summary>The monthly classification run of <paramref name="Month"/> (yyyy-MM, as of <paramref name="ValueDate"/>, the
/// month's last day) booked the change of required loan-loss provisions: <paramref name="Total"/> is the provisions
/// required after it, <paramref name="Change"/> the difference from the total booked before (signed). Moves no cash;
/// booked once per month (a rerun finds it by <paramref name="Month"/>).</summary>
public sealed record ProvisionBooked(
    Guid EntryId,
    string Month,
    LocalDate ValueDate,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Total,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Change,
    Guid RunId,
    Actor By,
    Instant At);

/// <summary>One line of the capital ledger, in the order recorded. <see cref="Amount"/> is signed as it affects its
/// figure: contributions positive, withdrawals negative; a retained result is the balance at its date.</summary>
public sealed record CapitalEntry(
    Guid EntryId,
    CapitalEntryKind Kind,
    LocalDate ValueDate,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string? Source,
    string Reference,
    LocalDate? DecisionDate,
    string? Reason,
    Actor By,
    Instant At,
    long Sequence,
    Guid? LoanId = null,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money PrincipalRepaid = default,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money InterestReceived = default)
{
    /// <summary>Whether the entry moves the fund's cash (a retained result is a balance of the books, not cash).</summary>
    public bool MovesCash => Kind is not (CapitalEntryKind.RetainedResult or CapitalEntryKind.ProvisionChange);
}

/// <summary>The capital figures at the end of a business date.</summary>
public sealed record CapitalFigures(
    LocalDate AsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CharterCapital,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RetainedResult,
    LocalDate? RetainedResultAsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money ActualCharterCapital);

/// <summary>The ledger line of each capital event (the one place that maps an event to its line; new event types add a
/// case here and an Apply on <see cref="FundCapitalLedger"/>).</summary>
public static class CapitalEntries
{
    /// <summary>The line of <paramref name="e"/>, the <paramref name="sequence"/>-th event of the capital stream.</summary>
    public static CapitalEntry Of(object e, long sequence) => e switch
    {
        CharterCapitalContributed c => new(c.EntryId, CapitalEntryKind.CharterCapitalContribution,
            c.ValueDate, c.Amount, c.Source, c.DecisionNumber, c.DecisionDate, null, c.By, c.At, sequence),
        CharterCapitalWithdrawn w => new(w.EntryId, CapitalEntryKind.CharterCapitalWithdrawal,
            w.ValueDate, -w.Amount, w.Source, w.DecisionNumber, w.DecisionDate, w.Reason, w.By, w.At, sequence),
        RetainedResultRecorded r => new(r.EntryId, CapitalEntryKind.RetainedResult,
            r.AsOf, r.SurplusOrLoss, null, r.Reference, null, null, r.By, r.At, sequence),
        LoanTranchePaidOut p => new(p.EntryId, CapitalEntryKind.LoanDisbursement,
            p.ValueDate, -p.Amount, p.ContractNumber, p.Reference, null, null, p.By, p.At, sequence, p.LoanId),
        LoanRepaymentReceived r => new(r.EntryId, CapitalEntryKind.LoanRepayment,
            r.ValueDate, r.Amount, r.ContractNumber, r.Reference, null, null, r.By, r.At, sequence, r.LoanId, r.Principal, r.Interest),
        LoanRepaymentReceiptReversed r => new(r.EntryId, CapitalEntryKind.LoanRepaymentReversal,
            r.ValueDate, -r.Amount, r.ContractNumber, r.Reason, null, r.Reason, r.By, r.At, sequence, r.LoanId, -r.Principal, -r.Interest),
        OtherCapitalReceived r => new(r.EntryId, CapitalEntryKind.OtherCapitalReceipt,
            r.ValueDate, r.Amount, $"{r.Kind}: {r.Source}", r.DecisionNumber, r.DecisionDate, null, r.By, r.At, sequence),
        OtherCapitalRepaid r => new(r.EntryId, CapitalEntryKind.OtherCapitalRepayment,
            r.ValueDate, -r.Amount, $"{r.Kind}: {r.Source}", r.DecisionNumber, r.DecisionDate, r.Reason, r.By, r.At, sequence),
        ProvisionBooked b => new(b.EntryId, CapitalEntryKind.ProvisionChange,
            b.ValueDate, b.Change, null, b.Month, null, null, b.By, b.At, sequence),
        _ => throw new ArgumentException($"Not a capital event: {e.GetType().Name}.", nameof(e)),
    };

    /// <summary>How an entry changes the charter capital (contributions and withdrawals; zero for the other kinds).</summary>
    public static Money CharterChange(this CapitalEntry e) =>
        e.Kind is CapitalEntryKind.CharterCapitalContribution or CapitalEntryKind.CharterCapitalWithdrawal ? e.Amount : Money.Zero;

    /// <summary>How an entry changes the fund's cash (zero for a retained result or a provision change).</summary>
    public static Money CashChange(this CapitalEntry e) => e.MovesCash ? e.Amount : Money.Zero;
}

/// <summary>
/// The movements of one value date on the capital ledger, summed over its entries (whole đồng, signed as they affect
/// each figure), and the retained result recorded for that date, if any (the last record wins). Zero sums are left
/// out of the JSON, so a day of repayments stores a handful of numbers however many repayments it holds.
/// </summary>
public sealed record CapitalDay(LocalDate Date)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Charter { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Cash { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long ProvisionChange { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Disbursed { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long PrincipalRepaid { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long InterestReceived { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Grant { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long EntrustedCapital { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Borrowing { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long DevelopmentInvestmentFund { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long OtherSource { get; init; }
    /// <summary>The retained result recorded for this date (its latest record), or null when none is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? RetainedResult { get; init; }

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
    [JsonIgnore] public long OtherCapital => Grant + EntrustedCapital + Borrowing + DevelopmentInvestmentFund + OtherSource;

    public CapitalDay WithOther(OtherCapitalSourceKind kind, long change) => kind switch
    {
        OtherCapitalSourceKind.Grant => this with { Grant = Grant + change },
        OtherCapitalSourceKind.EntrustedCapital => this with { EntrustedCapital = EntrustedCapital + change },
        OtherCapitalSourceKind.Borrowing => this with { Borrowing = Borrowing + change },
        OtherCapitalSourceKind.DevelopmentInvestmentFund => this with { DevelopmentInvestmentFund = DevelopmentInvestmentFund + change },
        _ => this with { OtherSource = OtherSource + change },
    };
}

/// <summary>
/// The fund's capital stream folded into its ledger (async snapshot, one document per fund): the number of entries,
/// the movements of each value date (<see cref="CapitalDay"/>, sorted by date) and the entry of each booked provision
/// month. Every figure as of a date is summed from the days on or before it, never stored, so a backdated entry
/// re-values every later date. The document grows with the number of distinct value dates (about 365 a year), not with
/// the entries; the entries themselves are one small document each (<see cref="CapitalLedgerEntry"/>, inline).
/// New kinds of entry add an Apply, a case in <see cref="CapitalEntries.Of"/> and, if needed, a sum on the day.
/// </summary>
public sealed record FundCapitalLedger
{
    public Guid Id { get; init; } = FundCapital.StreamId;

    /// <summary>The entries folded so far (the last one's <see cref="CapitalEntry.Sequence"/>).</summary>
    public long EntryCount { get; init; }

    /// <summary>The movements of each value date with an entry, by date.</summary>
    public ImmutableList<CapitalDay> Days { get; init; } = [];

    /// <summary>The provision change booked for each month (yyyy-MM → its entry id).</summary>
    public ImmutableSortedDictionary<string, Guid> ProvisionMonths { get; init; } = ImmutableSortedDictionary<string, Guid>.Empty;

    public FundCapitalLedger Apply(CharterCapitalContributed e) => Add(e.ValueDate, d => d with { Charter = d.Charter + e.Amount.Dong, Cash = d.Cash + e.Amount.Dong });

    public FundCapitalLedger Apply(CharterCapitalWithdrawn e) => Add(e.ValueDate, d => d with { Charter = d.Charter - e.Amount.Dong, Cash = d.Cash - e.Amount.Dong });

    public FundCapitalLedger Apply(RetainedResultRecorded e) => Add(e.AsOf, d => d with { RetainedResult = e.SurplusOrLoss.Dong });

    public FundCapitalLedger Apply(LoanTranchePaidOut e) => Add(e.ValueDate, d => d with { Cash = d.Cash - e.Amount.Dong, Disbursed = d.Disbursed + e.Amount.Dong });

    public FundCapitalLedger Apply(LoanRepaymentReceived e) => Add(e.ValueDate, d => d with
    {
        Cash = d.Cash + e.Amount.Dong, PrincipalRepaid = d.PrincipalRepaid + e.Principal.Dong, InterestReceived = d.InterestReceived + e.Interest.Dong,
    });

    public FundCapitalLedger Apply(LoanRepaymentReceiptReversed e) => Add(e.ValueDate, d => d with
    {
        Cash = d.Cash - e.Amount.Dong, PrincipalRepaid = d.PrincipalRepaid - e.Principal.Dong, InterestReceived = d.InterestReceived - e.Interest.Dong,
    });

    public FundCapitalLedger Apply(OtherCapitalReceived e) => Add(e.ValueDate, d => d.WithOther(e.Kind, e.Amount.Dong) with { Cash = d.Cash + e.Amount.Dong });

    public FundCapitalLedger Apply(OtherCapitalRepaid e) => Add(e.ValueDate, d => d.WithOther(e.Kind, -e.Amount.Dong) with { Cash = d.Cash - e.Amount.Dong });

    public FundCapitalLedger Apply(ProvisionBooked e) =>
        Add(e.ValueDate, d => d with { ProvisionChange = d.ProvisionChange + e.Change.Dong }) with
        {
            ProvisionMonths = ProvisionMonths.ContainsKey(e.Month) ? ProvisionMonths : ProvisionMonths.Add(e.Month, e.EntryId), // the first booking
        };

    /// <summary>The ledger after any capital event (the one place that dispatches on the event type, for callers
    /// holding an event as <see cref="object"/>); new event types add a case here and an Apply above.</summary>
    public FundCapitalLedger Applied(object e) => e switch
    {
        CharterCapitalContributed contributed => Apply(contributed),
        CharterCapitalWithdrawn withdrawn => Apply(withdrawn),
        RetainedResultRecorded recorded => Apply(recorded),
        LoanTranchePaidOut paidOut => Apply(paidOut),
        LoanRepaymentReceived received => Apply(received),
        LoanRepaymentReceiptReversed reversed => Apply(reversed),
        OtherCapitalReceived received => Apply(received),
        OtherCapitalRepaid repaid => Apply(repaid),
        ProvisionBooked booked => Apply(booked),
        _ => throw new ArgumentException($"Not a capital event: {e.GetType().Name}.", nameof(e)),
    };

    private static readonly IComparer<CapitalDay> ByDate = Comparer<CapitalDay>.Create((a, b) => a.Date.CompareTo(b.Date));

    /// <summary>One more entry, on <paramref name="date"/>, whose sums <paramref name="change"/> adds to that day's.</summary>
    private FundCapitalLedger Add(LocalDate date, Func<CapitalDay, CapitalDay> change)
    {
        var days = Days;
        if (days.Count > 0 && days[^1].Date == date) days = days.SetItem(days.Count - 1, change(days[^1])); // the common case: today
        else if (days.Count == 0 || days[^1].Date < date) days = days.Add(change(new CapitalDay(date)));
        else
        {
            var index = days.BinarySearch(new CapitalDay(date), ByDate);
            days = index >= 0 ? days.SetItem(index, change(days[index])) : days.Insert(~index, change(new CapitalDay(date)));
        }
        return this with { EntryCount = EntryCount + 1, Days = days };
    }

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
    /// disbursements + repayments received (− their reversals) + other capital received − repaid.</summary>
    public Money CashAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.Cash));

    /// <summary>Loan-loss provisions booked with a value date on or before <paramref name="asOf"/> (the sum of the changes).</summary>
    public Money ProvisionsBookedAsOf(LocalDate asOf) => Money.Of(SumTo(asOf, d => d.ProvisionChange));

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

    /// <summary>Principal disbursed and not yet repaid at the end of <paramref name="asOf"/>.</summary>
    public Money OutstandingPrincipalAsOf(LocalDate asOf) => DisbursedAsOf(asOf) - PrincipalRepaidAsOf(asOf);

    /// <summary>The lowest cash balance on any date from <paramref name="from"/> on: money paid out (or withdrawn) on
    /// that date must not exceed it, or the books would show negative cash on some date (a backdated payment
    /// re-values every later date).</summary>
    public Money LowestCashFrom(LocalDate from) => Money.Of(LowestFrom(from, d => d.Cash));

    /// <summary>The lowest charter capital on any date from <paramref name="from"/> on: a withdrawal on that date
    /// must not exceed it, or the books would show negative charter capital on some date.</summary>
    public Money LowestCharterCapitalFrom(LocalDate from) => Money.Of(LowestFrom(from, d => d.Charter));
}

/// <summary>Where a fund's capital lives and how other slices read it.</summary>
public static class FundCapital
{
    /// <summary>The capital stream of every fund (streams and documents are tenant-scoped, so one id serves each fund).</summary>
    public static readonly Guid StreamId = new("3c0f1a9e-6b52-4d7a-9e21-70a11c1e0002");

    /// <summary>The whole-đồng ceiling of any single capital amount: 10^15 ₫.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    /// <summary>The name of the fund's capital lock (<see cref="Infrastructure.Database.AdvisoryLocks"/>).</summary>
    private static string LockName(string fund) => $"htxfund:disbursement:{fund}";

    /// <summary>A stable 64-bit key per fund for <c>pg_advisory_xact_lock</c>.</summary>
    public static long LockKey(string fund) => Infrastructure.Database.AdvisoryLocks.Key(LockName(fund));

    /// <summary>Begins the session's transaction and takes the fund's capital lock for the rest of it (released by the
    /// commit or rollback). Every writer of the capital stream holds this lock when it appends, so two appends never take
    /// the same next version of the stream, and the commands that take capital out decide on the ledger left by the
    /// last one committed. Repayments take it at the end (<see cref="Loans.Repaying.RepaymentBooking"/>).</summary>
    public static async Task LockAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await HoldLockAsync(session, ct);
    }

    /// <summary>Takes the fund's capital lock in the transaction the session already runs in (its own, or the caller's).</summary>
    public static Task HoldLockAsync(IDocumentSession session, CancellationToken ct) =>
        Infrastructure.Database.AdvisoryLocks.HoldAsync(session, LockName(session.TenantId), ct);

    /// <summary>The fund's ledger with every entry committed so far: the stored snapshot (kept by the async daemon)
    /// plus the events after it (Marten's FetchLatest, which needs a document session: a query session's tenant gets
    /// its own lightweight one).</summary>
    public static async Task<FundCapitalLedger> LedgerAsync(IQuerySession session, CancellationToken ct)
    {
        if (session is IDocumentSession writing)
            return await writing.Events.FetchLatest<FundCapitalLedger>(StreamId, ct) ?? new FundCapitalLedger();
        await using var reading = session.DocumentStore.LightweightSession(session.TenantId);
        return await reading.Events.FetchLatest<FundCapitalLedger>(StreamId, ct) ?? new FundCapitalLedger();
    }

    /// <summary>Capital committed at the end of <paramref name="asOf"/> to loans approved or contracted and not yet
    /// disbursed (see <see cref="Loans.GettingDetails.LoanDetails.CommittedAsOf"/>).</summary>
    public static async Task<Money> CommittedAsOfAsync(IQuerySession session, LocalDate asOf, CancellationToken ct)
    {
        var loans = await session.Query<Loans.GettingDetails.LoanDetails>()
            .Where(x => x.Stage != Loans.LoanStage.Application)
            .ToListAsync(ct);
        return Money.Of(loans.Sum(l => l.CommittedAsOf(asOf)));
    }

    /// <summary>Actual charter capital (vốn điều lệ thực có, Decree 45/2021 Art 2.3) of the session's fund at the end of
    /// <paramref name="asOf"/>: charter capital ± the retained result at that date. Zero when nothing is recorded.</summary>
    public static async Task<Money> ActualCharterCapitalAsync(IQuerySession session, LocalDate asOf, CancellationToken ct) =>
        (await LedgerAsync(session, ct)).FiguresAsOf(asOf).ActualCharterCapital;
}
