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

/// <summary>
/// The fund's capital stream folded into its ledger (inline snapshot, one document per fund). Every figure is
/// computed from the entries as of a date (entries with value date on or before it), never stored, so a backdated
/// entry re-values every later date. New kinds of entry (cash, commitments) add an Apply and a figure; nothing here
/// changes.
/// </summary>
public sealed record FundCapitalLedger
{
    public Guid Id { get; init; } = FundCapital.StreamId;
    public ImmutableList<CapitalEntry> Entries { get; init; } = [];

    public FundCapitalLedger Apply(CharterCapitalContributed e) => Add(new(e.EntryId, CapitalEntryKind.CharterCapitalContribution,
        e.ValueDate, e.Amount, e.Source, e.DecisionNumber, e.DecisionDate, null, e.By, e.At, Entries.Count + 1));

    public FundCapitalLedger Apply(CharterCapitalWithdrawn e) => Add(new(e.EntryId, CapitalEntryKind.CharterCapitalWithdrawal,
        e.ValueDate, -e.Amount, e.Source, e.DecisionNumber, e.DecisionDate, e.Reason, e.By, e.At, Entries.Count + 1));

    public FundCapitalLedger Apply(RetainedResultRecorded e) => Add(new(e.EntryId, CapitalEntryKind.RetainedResult,
        e.AsOf, e.SurplusOrLoss, null, e.Reference, null, null, e.By, e.At, Entries.Count + 1));

    public FundCapitalLedger Apply(LoanTranchePaidOut e) => Add(new(e.EntryId, CapitalEntryKind.LoanDisbursement,
        e.ValueDate, -e.Amount, e.ContractNumber, e.Reference, null, null, e.By, e.At, Entries.Count + 1, e.LoanId));

    public FundCapitalLedger Apply(LoanRepaymentReceived e) => Add(new(e.EntryId, CapitalEntryKind.LoanRepayment,
        e.ValueDate, e.Amount, e.ContractNumber, e.Reference, null, null, e.By, e.At, Entries.Count + 1, e.LoanId, e.Principal, e.Interest));

    public FundCapitalLedger Apply(LoanRepaymentReceiptReversed e) => Add(new(e.EntryId, CapitalEntryKind.LoanRepaymentReversal,
        e.ValueDate, -e.Amount, e.ContractNumber, e.Reason, null, e.Reason, e.By, e.At, Entries.Count + 1, e.LoanId, -e.Principal, -e.Interest));

    public FundCapitalLedger Apply(OtherCapitalReceived e) => Add(new(e.EntryId, CapitalEntryKind.OtherCapitalReceipt,
        e.ValueDate, e.Amount, $"{e.Kind}: {e.Source}", e.DecisionNumber, e.DecisionDate, null, e.By, e.At, Entries.Count + 1));

    public FundCapitalLedger Apply(OtherCapitalRepaid e) => Add(new(e.EntryId, CapitalEntryKind.OtherCapitalRepayment,
        e.ValueDate, -e.Amount, $"{e.Kind}: {e.Source}", e.DecisionNumber, e.DecisionDate, e.Reason, e.By, e.At, Entries.Count + 1));

    public FundCapitalLedger Apply(ProvisionBooked e) => Add(new(e.EntryId, CapitalEntryKind.ProvisionChange,
        e.ValueDate, e.Change, null, e.Month, null, null, e.By, e.At, Entries.Count + 1));

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

    private FundCapitalLedger Add(CapitalEntry entry) => this with { Entries = Entries.Add(entry) };

    /// <summary>Entries with a value date on or before <paramref name="asOf"/>, by value date then in recorded order.</summary>
    public IReadOnlyList<CapitalEntry> EntriesUpTo(LocalDate asOf) =>
        Entries.Where(e => e.ValueDate <= asOf).OrderBy(e => e.ValueDate).ThenBy(e => e.Sequence).ToArray();

    public CapitalFigures FiguresAsOf(LocalDate asOf)
    {
        var entries = EntriesUpTo(asOf);
        var charter = Money.Sum(entries.Where(e => e.Kind is CapitalEntryKind.CharterCapitalContribution or CapitalEntryKind.CharterCapitalWithdrawal)
            .Select(e => e.Amount));
        var retained = entries.LastOrDefault(e => e.Kind == CapitalEntryKind.RetainedResult);
        var result = retained?.Amount ?? Money.Zero;
        return new(asOf, charter, result, retained?.ValueDate, LendingLimits.ActualCharterCapital(charter, result));
    }

    /// <summary>The fund's cash at the end of <paramref name="asOf"/>: charter contributions − withdrawals − loan
    /// disbursements + repayments received (− their reversals).</summary>
    public Money CashAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf && e.MovesCash).Select(e => e.Amount));

    /// <summary>Loan-loss provisions booked with a value date on or before <paramref name="asOf"/> (the sum of the changes).</summary>
    public Money ProvisionsBookedAsOf(LocalDate asOf) =>
        Money.Sum(Entries.Where(e => e.ValueDate <= asOf && e.Kind == CapitalEntryKind.ProvisionChange).Select(e => e.Amount));

    /// <summary>Whether the provision change of <paramref name="month"/> (yyyy-MM) is already booked.</summary>
    public bool ProvisionBookedFor(string month) => Entries.Any(e => e.Kind == CapitalEntryKind.ProvisionChange && e.Reference == month);

    /// <summary>Capital from other sources held at the end of <paramref name="asOf"/> (received − repaid).</summary>
    public Money OtherCapitalAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf &&
        e.Kind is CapitalEntryKind.OtherCapitalReceipt or CapitalEntryKind.OtherCapitalRepayment).Select(e => e.Amount));

    /// <summary>The lowest balance of other-source capital on any date from <paramref name="from"/> on.</summary>
    public Money LowestOtherCapitalFrom(LocalDate from)
    {
        var dates = Entries.Where(e => e.ValueDate > from).Select(e => e.ValueDate).Append(from).Distinct();
        return dates.Select(OtherCapitalAsOf).Min();
    }

    /// <summary>Principal paid out to borrowers with a value date on or before <paramref name="asOf"/>.</summary>
    public Money DisbursedAsOf(LocalDate asOf) =>
        -Money.Sum(Entries.Where(e => e.ValueDate <= asOf && e.Kind == CapitalEntryKind.LoanDisbursement).Select(e => e.Amount));

    /// <summary>Principal repaid by borrowers (net of reversals) with a value date on or before <paramref name="asOf"/>.</summary>
    public Money PrincipalRepaidAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf).Select(e => e.PrincipalRepaid));

    /// <summary>Interest (contractual and penalty) received from borrowers (net of reversals) with a value date on or before <paramref name="asOf"/>.</summary>
    public Money InterestReceivedAsOf(LocalDate asOf) => Money.Sum(Entries.Where(e => e.ValueDate <= asOf).Select(e => e.InterestReceived));

    /// <summary>Principal disbursed and not yet repaid at the end of <paramref name="asOf"/>.</summary>
    public Money OutstandingPrincipalAsOf(LocalDate asOf) => DisbursedAsOf(asOf) - PrincipalRepaidAsOf(asOf);

    /// <summary>The lowest cash balance on any date from <paramref name="from"/> on: money paid out (or withdrawn) on
    /// that date must not exceed it, or the books would show negative cash on some date (a backdated payment
    /// re-values every later date).</summary>
    public Money LowestCashFrom(LocalDate from)
    {
        var dates = Entries.Where(e => e.ValueDate > from).Select(e => e.ValueDate).Append(from).Distinct();
        return dates.Select(CashAsOf).Min();
    }

    /// <summary>The lowest charter capital on any date from <paramref name="from"/> on: a withdrawal on that date
    /// must not exceed it, or the books would show negative charter capital on some date.</summary>
    public Money LowestCharterCapitalFrom(LocalDate from)
    {
        var dates = Entries.Where(e => e.ValueDate > from).Select(e => e.ValueDate).Append(from).Distinct();
        return dates.Select(d => FiguresAsOf(d).CharterCapital).Min();
    }
}

/// <summary>Where a fund's capital lives and how other slices read it.</summary>
public static class FundCapital
{
    /// <summary>The capital stream of every fund (streams and documents are tenant-scoped, so one id serves each fund).</summary>
    public static readonly Guid StreamId = new("3c0f1a9e-6b52-4d7a-9e21-70a11c1e0002");

    /// <summary>The whole-đồng ceiling of any single capital amount: 10^15 ₫.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    /// <summary>A stable 64-bit key per fund for <c>pg_advisory_xact_lock</c> (FNV-1a of a namespaced fund id).</summary>
    public static long LockKey(string fund)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes($"htxfund:disbursement:{fund}"))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    /// <summary>Begins the session's transaction and takes the fund's capital lock for the rest of it (released by the
    /// commit or rollback). Every writer of the capital stream holds this lock when it appends, so two appends never take
    /// the same next version of the stream, and the commands that take capital out decide on the ledger left by the
    /// last one committed. Repayments take it at the end (<see cref="Loans.Repaying.RepaymentBooking"/>).</summary>
    public static async Task LockAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) as locked", ct, LockKey(session.TenantId));
    }

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
