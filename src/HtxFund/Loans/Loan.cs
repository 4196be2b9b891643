using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Applications;
using HtxFund.Identity;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Loans;

public sealed record RestructuringRecord(Guid RestructuringId, RestructuringKind Kind, LocalDate Date, IReadOnlyList<PlannedInstalment> Plan,
    string Reason, Guid RequestedBy, RestructuringState State);

public sealed record RepaymentRecord(Guid RepaymentId, long Amount, LocalDate ValueDate, string BankReference,
    [property: JsonConverter(typeof(PaymentAllocationJson))] PaymentAllocation Allocation, Guid RecordedBy, bool Reversed);

/// <summary>An overpayment waiting for a second person's confirmation (<see cref="LoanOverpaymentSubmitted"/>).</summary>
public sealed record PendingOverpayment(Guid RepaymentId, long Amount, LocalDate ValueDate, RepaymentChannel Channel, string BankReference,
    long Payoff, LocalDate SubmittedOn, Guid? StatementId, Actor SubmittedBy);

/// <summary>A step of risk handling proposed by the Risk Handling Council (<see cref="LoanRiskHandlingProposed"/>) and its fate.</summary>
public sealed record RiskProposal(Guid ProposalId, RiskHandlingStep Step, RiskHandlingGround Ground, string Reason, string RecoveryActions,
    LocalDate ProposedOn, Guid ProposedBy, RiskProposalState State)
{
    /// <summary>The decision's PDF once issued (<see cref="RiskDecisionLetterIssued"/>).</summary>
    public Guid? LetterFileId { get; init; }
    /// <summary>The decision: its date, who took it and the approval document (null while pending or when rejected).</summary>
    public LocalDate? DecidedOn { get; init; }
    public Actor? DecidedBy { get; init; }
    public ApprovalDocument? Approval { get; init; }
}

/// <summary>A recovery booked on a loan off the balance sheet (<see cref="LoanRecoveryRecorded"/>).</summary>
public sealed record RecoveryRecord(Guid RecoveryId, long Amount, LocalDate ValueDate, RecoverySource Source, string BankReference, Guid RecordedBy);

public sealed record Tranche(Guid TrancheId, long Amount, LocalDate ValueDate, TrancheState State, Guid PreparedBy);

/// <summary>
/// The loan as its decisions and its valuation need it, folded from the loan stream (the same stream as
/// <see cref="LoanApplication"/>, which decides the application) and kept by Marten as an inline snapshot: one document
/// per loan stream, written in the transaction that appends to it (<see cref="LoansConfiguration"/>). Commands load it
/// through Wolverine's aggregate workflow (<c>[Aggregate] Loan</c>), and the loan view, the reports and the reminders read
/// the same document; nothing folds the stream on a request. A stream whose document is missing is rebuilt by
/// <c>ops/rebuild-loans</c> (<see cref="RebuildingSnapshots.RebuildLoansCommand"/>). Display data (names, the history)
/// lives in <see cref="GettingDetails.LoanDetails"/>.
/// <para>The reports select loans in SQL on columns duplicated from it: <see cref="Stage"/>, <see cref="FirstDisbursedDay"/>
/// and <see cref="ClosedDay"/> (what <see cref="LoanActivity"/> decides "active at a date" from), <see cref="CooperativeId"/>
/// and <see cref="MemberId"/> (the loan book borrower by borrower).</para>
/// </summary>
public sealed record Loan(
    Guid Id,
    Guid CooperativeId,
    Guid? MemberId,
    LoanRequest Request,
    LoanStage Stage,
    LoanProposal? ApprovedTerms,
    LocalDate? ApprovedOn,
    ContractTerms? Contract,
    ImmutableList<BorrowerCreditChecked> CreditChecks,
    ImmutableList<Tranche> Tranches,
    ImmutableList<RepaymentRecord> Repayments,
    ImmutableList<RestructuringRecord> Restructurings)
{
    /// <summary>The version of the last event the loan folded (set by Marten). Application events it does not fold may
    /// follow in the stream, so a command compares the client's <c>version</c> with the stream's own
    /// (<see cref="LoanAccess.Writable"/>), as the loan view shows it.</summary>
    public long Version { get; init; }

    /// <summary>Who borrows (the application's <see cref="ApplicationDrafted.BorrowerName"/>, as on the loan view).</summary>
    public string BorrowerName { get; init; } = "";

    /// <summary>The business date of <see cref="LoanClosed"/>; null while open.</summary>
    public LocalDate? ClosedOn { get; init; }

    /// <summary>Overpayments submitted and not yet confirmed or rejected.</summary>
    public ImmutableList<PendingOverpayment> PendingOverpayments { get; init; } = [];

    /// <summary>Interest waivers requested, approved or rejected (snapshots stored before waivers existed read as none).</summary>
    public ImmutableList<WaiverRecord> Waivers { get; init; } = [];

    /// <summary>The restructurings and waivers whose decision letter is issued (<see cref="LoanDecisionLetterIssued"/>).</summary>
    public ImmutableList<Guid> DecisionLetters { get; init; } = [];
    /// <summary>The Risk Handling Council's proposals (use of provisions, write-off from the books) and their fate.</summary>
    public ImmutableList<RiskProposal> RiskProposals { get; init; } = [];

    /// <summary>The date the loan's principal left the balance sheet (<see cref="LoanProvisionsUsed"/>): from then on it is
    /// tracked off-balance, the borrower still owing principal and interest; null while on the balance sheet.</summary>
    public LocalDate? OffBalanceSince { get; init; }

    /// <summary>The principal taken off the balance sheet, the provisions used against it and the rest charged to expense.</summary>
    public long PrincipalOffBalance { get; init; }
    public long ProvisionsUsed { get; init; }
    public long ChargedToExpense { get; init; }

    /// <summary>The date the loan was written off the books (xuất toán, <see cref="LoanWrittenOffFromBooks"/>); null before.</summary>
    public LocalDate? WrittenOffOn { get; init; }

    /// <summary>Recoveries booked since the loan left the balance sheet.</summary>
    public ImmutableList<RecoveryRecord> Recoveries { get; init; } = [];

    /// <summary>The credit officer responsible for the application and loan: the appraiser until the Director reassigns it.</summary>
    public Officers.ResponsibleOfficer? Officer { get; init; }

    /// <summary>The loan was brought in from the fund's earlier books (<see cref="Migrating.LoanMigrated"/>); null for a
    /// loan made in HtxFund.</summary>
    public Migrating.LoanMigrated? MigratedFrom { get; init; }

    /// <summary>The balances the loan was taken over with at its cut-over (<see cref="Migrating.LoanOpeningBalanceRecorded"/>),
    /// standing in for its tranches and repayments before it; null for a loan with its whole history.</summary>
    public Migrating.LoanOpeningBalanceRecorded? OpeningBalance { get; init; }

    public static Loan Create(ApplicationDrafted e) =>
        new(e.ApplicationId, e.CooperativeId, e.MemberId, e.Request, LoanStage.Application, null, null, null, [], [], [], [])
        {
            BorrowerName = e.BorrowerName,
        };

    public Loan Apply(ApplicationDraftEdited e) => this with { Request = e.Request };
    /// <summary>The appraiser becomes the responsible officer unless one is already responsible (assigned or an earlier appraiser).</summary>
    public Loan Apply(ApplicationAppraised e) => Officer is null ? this with { Officer = new(e.By.UserId, e.By.UserName) } : this;
    public Loan Apply(Officers.ResponsibleOfficerReassigned e) => this with { Officer = e.To };
    /// <summary>A misuse decision after an inspection of loan use: recorded for the history; the loan's terms do not change.</summary>
    public Loan Apply(Inspections.LoanUseFollowUpDecided e) => this;
    public Loan Apply(LoanApproved e) => this with { Stage = LoanStage.Approved, ApprovedTerms = e.Terms, ApprovedOn = e.BusinessDate };
    public Loan Apply(LoanContractSigned e) => this with { Stage = LoanStage.Contracted, Contract = e.Contract };
    public Loan Apply(BorrowerCreditChecked e) => this with { CreditChecks = CreditChecks.Add(e) };
    public Loan Apply(TranchePrepared e) =>
        this with { Tranches = Tranches.Add(new Tranche(e.TrancheId, e.Amount, e.ValueDate, TrancheState.Prepared, e.By.UserId)) };
    public Loan Apply(TrancheCancelled e) => WithTranche(e.TrancheId, TrancheState.Cancelled);
    public Loan Apply(TrancheDisbursed e) => WithTranche(e.TrancheId, TrancheState.Disbursed);
    public Loan Apply(LoanRepaymentRecorded e) => this with
    {
        Repayments = Repayments.Add(new RepaymentRecord(e.RepaymentId, e.Amount, e.ValueDate, e.BankReference, e.Allocation, e.By.UserId, false)),
    };
    public Loan Apply(LoanRepaymentReversed e) => this with
    {
        Repayments = Repayments.Select(r => r.RepaymentId == e.RepaymentId ? r with { Reversed = true } : r).ToImmutableList(),
    };
    public Loan Apply(LoanOverpaymentSubmitted e) => this with
    {
        PendingOverpayments = PendingOverpayments.Add(new PendingOverpayment(e.RepaymentId, e.Amount, e.ValueDate, e.Channel, e.BankReference,
            e.Payoff, e.SubmittedOn, e.StatementId, e.By)),
    };
    public Loan Apply(LoanOverpaymentConfirmed e) => WithoutPending(e.RepaymentId);
    public Loan Apply(LoanOverpaymentRejected e) => WithoutPending(e.RepaymentId);
    public Loan Apply(LoanClosed e) => this with { Stage = LoanStage.Closed, ClosedOn = e.ClosedOn };
    public Loan Apply(LoanRestructuringRequested e) => this with
    {
        Restructurings = Restructurings.Add(new RestructuringRecord(e.RestructuringId, e.Kind, e.Date, e.Plan, e.Reason, e.By.UserId,
            RestructuringState.Requested)),
    };
    public Loan Apply(LoanRestructuringApproved e) => WithRestructuring(e.RestructuringId, RestructuringState.Approved);
    public Loan Apply(LoanRestructuringRejected e) => WithRestructuring(e.RestructuringId, RestructuringState.Rejected);

    public Loan Apply(LoanInterestWaiverRequested e) => this with
    {
        Waivers = Waivers.Add(new WaiverRecord(e.WaiverId, e.Date, e.Amount, e.Ground, e.Reason, e.By.UserId, WaiverState.Requested)),
    };
    public Loan Apply(LoanInterestWaiverApproved e) => WithWaiver(e.WaiverId, WaiverState.Approved);
    public Loan Apply(LoanInterestWaiverRejected e) => WithWaiver(e.WaiverId, WaiverState.Rejected);

    public Loan Apply(LoanDecisionLetterIssued e) => this with { DecisionLetters = DecisionLetters.Add(e.DecisionId) };

    public Loan Apply(Migrating.LoanMigrated e) => this with { MigratedFrom = e };
    public Loan Apply(Migrating.LoanOpeningBalanceRecorded e) => this with { OpeningBalance = e };

    private Loan WithWaiver(Guid id, WaiverState state) => this with
    {
        Waivers = Waivers.Select(w => w.WaiverId == id ? w with { State = state } : w).ToImmutableList(),
    };

    public Loan Apply(LoanRiskHandlingProposed e) => this with
    {
        RiskProposals = RiskProposals.Add(new RiskProposal(e.ProposalId, e.Step, e.Ground, e.Reason, e.RecoveryActions, e.ProposedOn, e.By.UserId,
            RiskProposalState.Proposed)),
    };
    public Loan Apply(LoanRiskHandlingRejected e) => WithRiskProposal(e.ProposalId, RiskProposalState.Rejected);
    public Loan Apply(LoanProvisionsUsed e) => WithRiskProposal(e.ProposalId, RiskProposalState.Decided, e.Date, e.By, e.Approval) with
    {
        OffBalanceSince = e.Date, PrincipalOffBalance = e.PrincipalOffBalance, ProvisionsUsed = e.ProvisionsUsed, ChargedToExpense = e.ChargedToExpense,
    };
    public Loan Apply(LoanWrittenOffFromBooks e) => WithRiskProposal(e.ProposalId, RiskProposalState.Decided, e.Date, e.By, e.Approval) with
    {
        WrittenOffOn = e.Date,
    };
    public Loan Apply(RiskDecisionLetterIssued e) => this with
    {
        RiskProposals = RiskProposals.Select(p => p.ProposalId == e.ProposalId ? p with { LetterFileId = e.FileId } : p).ToImmutableList(),
    };
    public Loan Apply(LoanRecoveryRecorded e) => this with
    {
        Recoveries = Recoveries.Add(new RecoveryRecord(e.RecoveryId, e.Amount, e.ValueDate, e.Source, e.BankReference, e.By.UserId)),
    };

    private Loan WithRiskProposal(Guid id, RiskProposalState state, LocalDate? decidedOn = null, Actor? by = null, ApprovalDocument? approval = null) => this with
    {
        RiskProposals = RiskProposals.Select(p => p.ProposalId == id ? p with { State = state, DecidedOn = decidedOn, DecidedBy = by, Approval = approval } : p)
            .ToImmutableList(),
    };

    private Loan WithRestructuring(Guid id, RestructuringState state) => this with
    {
        Restructurings = Restructurings.Select(r => r.RestructuringId == id ? r with { State = state } : r).ToImmutableList(),
    };

    private Loan WithoutPending(Guid id) => this with { PendingOverpayments = PendingOverpayments.RemoveAll(p => p.RepaymentId == id) };

    private Loan WithTranche(Guid id, TrancheState state) =>
        this with { Tranches = Tranches.Select(t => t.TrancheId == id ? t with { State = state } : t).ToImmutableList() };

    /// <summary>Not yet a loan: an application (draft, pending, rejected or withdrawn).</summary>
    [JsonIgnore] public bool IsApplication => Stage == LoanStage.Application;

    /// <summary>The loan was repaid in full (<see cref="LoanClosed"/>) and accepts nothing more
    /// (<see cref="LoanStages.IsClosed"/>; <see cref="LoanAccess.RefuseIfClosed"/> refuses with it).</summary>
    [JsonIgnore] public bool IsClosed => Stage.IsClosed();

    [JsonIgnore] public long ContractedAmount => Contract?.Terms.Amount ?? 0;
    [JsonIgnore] public IEnumerable<Tranche> DisbursedTranches => Tranches.Where(t => t.State == TrancheState.Disbursed);
    /// <summary>Principal lent out: the disbursed tranches and, for a loan taken over, the principal outstanding at its cut-over.</summary>
    [JsonIgnore] public long Disbursed => DisbursedTranches.Sum(t => t.Amount) + (OpeningBalance?.PrincipalOutstanding ?? 0);
    /// <summary>Money was lent: a tranche paid out, or the loan was taken over with an opening balance.</summary>
    [JsonIgnore] public bool HasDisbursed => DisbursedTranches.Any() || OpeningBalance is not null;

    /// <summary>Money was lent by the end of <paramref name="date"/>: a tranche paid out on or before it, or the loan taken
    /// over at a cut-over on or before it (what a repayment, a restructuring, a waiver or a risk proposal dated then needs).</summary>
    public bool LentBy(LocalDate date) => DisbursedTranches.Any(t => t.ValueDate <= date) || OpeningBalance?.CutOver <= date;

    /// <summary>The commitment not yet paid out after every recorded event (<see cref="LoanCommitments.Undisbursed"/>).</summary>
    [JsonIgnore] public long Undisbursed => LoanCommitments.Undisbursed(ApprovedOn, ApprovedTerms?.Amount ?? 0, Contract?.SignedOn, ContractedAmount,
        DisbursedTranches.Select(t => (t.ValueDate, t.Amount)), OpeningBalance?.CutOver);

    /// <summary>The commitment still undisbursed at the end of <paramref name="asOf"/> (<see cref="LoanCommitments.UndisbursedAsOf"/>).</summary>
    public long CommittedAsOf(LocalDate asOf) => LoanCommitments.UndisbursedAsOf(asOf, ApprovedOn, ApprovedTerms?.Amount ?? 0, Contract?.SignedOn,
        ContractedAmount, DisbursedTranches.Select(t => (t.ValueDate, t.Amount)), OpeningBalance?.CutOver);

    /// <summary>Day number (<see cref="LoanActivity.DayNumber"/>) of the earliest disbursed tranche's value date, or of the
    /// cut-over of a loan taken over with an opening balance (active from then); null before any. Duplicated into a column
    /// for <see cref="LoanActivity.ActiveAtSql"/>.</summary>
    [JsonIgnore] public int? FirstDisbursedDay => DisbursedTranches.Select(t => (int?)LoanActivity.DayNumber(t.ValueDate))
        .Append(OpeningBalance is { } o ? LoanActivity.DayNumber(o.CutOver) : null).Min();

    /// <summary>Day number of <see cref="ClosedOn"/>; null while open. Duplicated into a column for <see cref="LoanActivity.ActiveAtSql"/>.</summary>
    [JsonIgnore] public int? ClosedDay => ClosedOn is { } closed ? LoanActivity.DayNumber(closed) : null;

    /// <summary>Active at the end of <paramref name="asOf"/> (<see cref="LoanActivity.IsActive"/>).</summary>
    public bool ActiveAt(LocalDate asOf) => LoanActivity.IsActive(FirstDisbursedDay, ClosedDay, asOf);

    public Tranche? TrancheOf(Guid id) => Tranches.FirstOrDefault(t => t.TrancheId == id);
    public RepaymentRecord? RepaymentOf(Guid id) => Repayments.FirstOrDefault(r => r.RepaymentId == id);
    public PendingOverpayment? PendingOverpaymentOf(Guid id) => PendingOverpayments.FirstOrDefault(p => p.RepaymentId == id);
    public RestructuringRecord? RestructuringOf(Guid id) => Restructurings.FirstOrDefault(r => r.RestructuringId == id);
    public WaiverRecord? WaiverOf(Guid id) => Waivers.FirstOrDefault(w => w.WaiverId == id);
    public RiskProposal? RiskProposalOf(Guid id) => RiskProposals.FirstOrDefault(p => p.ProposalId == id);

    /// <summary>Whether the loan's principal is on the fund's balance sheet at the end of <paramref name="asOf"/>: not once its
    /// provisions were used (<see cref="OffBalanceSince"/>).</summary>
    public bool OnBalanceAt(LocalDate asOf) => OffBalanceSince is not { } since || since > asOf;

    /// <summary>Recovered since the loan left the balance sheet (whole đồng).</summary>
    [JsonIgnore] public long Recovered => Recoveries.Sum(r => r.Amount);
}

/// <summary>
/// The one rule of a loan being active at a date, for the monthly classification and the reports: active at the end of
/// a date when a tranche was paid out on or before it and the loan was not closed by then. <see cref="Loan"/> keeps the
/// two days it depends on as duplicated columns (<see cref="Loan.FirstDisbursedDay"/>, <see cref="Loan.ClosedDay"/>);
/// <see cref="IsActive"/> decides on them in C#, <see cref="ActiveAtSql"/> writes the same comparison for the reports' SQL.
/// Days are day numbers (<see cref="DayNumber"/>): Marten's LINQ cannot compare NodaTime dates in columns.
/// </summary>
public static class LoanActivity
{
    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    public static bool IsActive(int? firstDisbursedDay, int? closedDay, LocalDate asOf)
    {
        var day = DayNumber(asOf);
        return firstDisbursedDay <= day && (closedDay is not { } closed || closed > day);
    }

    /// <summary><see cref="IsActive"/> as a SQL condition on the loan document table aliased <paramref name="alias"/>.</summary>
    public static string ActiveAtSql(string alias, LocalDate asOf)
    {
        var day = DayNumber(asOf);
        return $"{alias}.first_disbursed_day <= {day} and ({alias}.closed_day is null or {alias}.closed_day > {day})";
    }
}

/// <summary>The one rule for capital committed to a loan and not yet paid out, and for what a loan weighs against the
/// lending limits.</summary>
public static class LoanCommitments
{
    /// <summary>The part of a loan's commitment still undisbursed at the end of <paramref name="asOf"/>: the approved
    /// amount from the approval date, the contracted amount from the signing date, less what was disbursed with a
    /// value date on or before it; 0 before the approval, and 0 from the cut-over <paramref name="takenOverOn"/> of a loan
    /// taken over with an opening balance (its earlier books say what was lent; nothing more is paid out).</summary>
    public static long UndisbursedAsOf(LocalDate asOf, LocalDate? approvedOn, long approvedAmount, LocalDate? signedOn, long contractedAmount,
        IEnumerable<(LocalDate ValueDate, long Amount)> disbursedTranches, LocalDate? takenOverOn = null)
    {
        if (approvedOn is not { } approved || approved > asOf || takenOverOn <= asOf) return 0;
        var committed = signedOn is { } signed && signed <= asOf ? contractedAmount : approvedAmount;
        var disbursed = disbursedTranches.Where(t => t.ValueDate <= asOf).Sum(t => t.Amount);
        return Math.Max(0, committed - disbursed);
    }

    /// <summary>The commitment not yet paid out after every recorded event: <see cref="UndisbursedAsOf"/> at the end of time.</summary>
    public static long Undisbursed(LocalDate? approvedOn, long approvedAmount, LocalDate? signedOn, long contractedAmount,
        IEnumerable<(LocalDate ValueDate, long Amount)> disbursedTranches, LocalDate? takenOverOn = null) =>
        UndisbursedAsOf(LocalDate.MaxIsoValue, approvedOn, approvedAmount, signedOn, contractedAmount, disbursedTranches, takenOverOn);

    /// <summary>What a loan weighs against the lending limits: its outstanding principal plus its undisbursed commitment,
    /// nothing once closed (or while it is only an application).</summary>
    public static long Exposure(LoanStage stage, long outstandingPrincipal, long undisbursed) =>
        stage == LoanStage.Application || stage.IsClosed() ? 0 : Math.Max(0, outstandingPrincipal) + undisbursed;
}

public static class LoanStages
{
    /// <summary>The one test of "the loan is closed": repaid in full (<see cref="LoanClosed"/>), it accepts nothing more,
    /// weighs nothing against the limits and is no longer reminded of.</summary>
    public static bool IsClosed(this LoanStage stage) => stage == LoanStage.Closed;

    public static string DisplayName(this LoanStage stage) => stage switch
    {
        LoanStage.Application => "Hồ sơ vay (chưa phê duyệt)",
        LoanStage.Approved => "Đã phê duyệt, chờ ký hợp đồng",
        LoanStage.Contracted => "Đã ký hợp đồng tín dụng",
        LoanStage.Closed => "Đã tất toán",
        _ => stage.ToString(),
    };

    public static string DisplayName(this TrancheState state) => state switch
    {
        TrancheState.Prepared => "Đã lập, chờ Kế toán trưởng duyệt",
        TrancheState.Disbursed => "Đã giải ngân",
        TrancheState.Cancelled => "Đã hủy",
        _ => state.ToString(),
    };
}
