using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Lending;
using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;

namespace HtxFund.Loans.GettingDetails;

public sealed record TrancheView(
    Guid TrancheId,
    long Amount,
    LocalDate ValueDate,
    string BeneficiaryAccount,
    string BankName,
    string Reference,
    TrancheState State,
    string StateName,
    string PreparedBy,
    Instant PreparedAt,
    string? ConfirmedBy,
    Instant? ConfirmedAt,
    Guid? CapitalEntryId,
    string? CancelledBy,
    string? CancellationReason);

/// <summary>A repayment as recorded; <see cref="Allocation"/> is its split at recording time (see <see cref="LoanRepaymentRecorded"/>).</summary>
public sealed record RepaymentView(
    Guid RepaymentId,
    long Amount,
    LocalDate ValueDate,
    RepaymentChannel Channel,
    string BankReference,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(PaymentAllocationJson))] PaymentAllocation Allocation,
    Guid? StatementId,
    string RecordedBy,
    Instant RecordedAt,
    bool Reversed,
    string? ReversedBy,
    string? ReversalReason);

/// <summary>An overpayment to refund, recorded and waiting for a second person (<see cref="LoanOverpaymentSubmitted"/>).</summary>
public sealed record PendingOverpaymentView(Guid RepaymentId, long Amount, LocalDate ValueDate, RepaymentChannel Channel, string BankReference,
    long Payoff, long Excess, string SubmittedBy, Guid SubmittedById, Instant SubmittedAt);

public sealed record RestructuringView(
    Guid RestructuringId,
    RestructuringKind Kind,
    LocalDate Date,
    IReadOnlyList<PlannedInstalment> Plan,
    string Reason,
    RestructuringState State,
    string RequestedBy,
    string? ApprovedBy)
{
    /// <summary>Who decided (approved or rejected), with the reason of a rejection.</summary>
    public string? DecidedBy { get; init; }
    public string? RejectionReason { get; init; }
    /// <summary>The decision letter to the borrower (<see cref="LoanDecisionLetterIssued"/>), once issued after the approval.</summary>
    public Guid? LetterFileId { get; init; }
    public string? LetterNumber { get; init; }
}

/// <summary>An interest waiver of the loan as people read it (<see cref="LoanInterestWaiverRequested"/>).</summary>
public sealed record WaiverView(Guid WaiverId, LocalDate Date, long Amount, WaiverGround Ground, string Reason, WaiverState State,
    string RequestedBy, string? DecidedBy, string? RejectionReason)
{
    public Guid? LetterFileId { get; init; }
    public string? LetterNumber { get; init; }
}

public sealed record CreditCheckView(Guid CheckId, CreditCheckResult Result, string Source, LocalDate CheckedOn, string Note,
    string RecordedBy, Instant RecordedAt);

/// <summary>
/// A loan as staff and its borrower read it (inline projection over the loan stream, rebuildable): the approval, the
/// contract with its frozen schedule, the approved/contracted/disbursed/undisbursed amounts, the tranches and their
/// states, the credit checks and a Vietnamese history of servicing. A document exists from the application's draft
/// on (so the projection never depends on the order in which it learns the borrower); <see cref="Stage"/> says
/// whether it is a loan yet.
/// </summary>
public sealed record LoanDetails
{
    public Guid Id { get; init; }
    public Guid CooperativeId { get; init; }
    public Guid? MemberId { get; init; }
    public string BorrowerKey { get; init; } = "";
    public string BorrowerName { get; init; } = "";
    public LoanStage Stage { get; init; }
    public string StageName { get; init; } = LoanStage.Application.DisplayName();
    public string? DecisionNumber { get; init; }
    public LocalDate? ApprovedOn { get; init; }
    public long ApprovedAmount { get; init; }
    public ContractTerms? Contract { get; init; }
    /// <summary>Duplicated from <see cref="Contract"/> for the unique index (one contract number per fund).</summary>
    public string? ContractNumber { get; init; }
    public LocalDate? ContractSignedOn { get; init; }
    /// <summary>The contract PDF, once issued (<see cref="Contracting.LoanContractDocument"/>, filled in when the view is read).</summary>
    public Guid? ContractFileId { get; init; }
    public long ContractedAmount { get; init; }
    public long DisbursedAmount { get; init; }
    public long UndisbursedAmount { get; init; }
    /// <summary>Principal repaid by the splits stored with the repayments not reversed (at recording time).</summary>
    public long PrincipalRepaid { get; init; }
    /// <summary>What the loan weighs against the lending limits: outstanding principal plus the undisbursed
    /// commitment (contracted amount once signed, approved amount before); zero once closed.</summary>
    public long Exposure { get; init; }
    public LocalDate? ClosedOn { get; init; }
    /// <summary>Money received beyond the payoff at closure, owed back to the borrower.</summary>
    public long RefundableExcessAtClosure { get; init; }
    public IReadOnlyList<TrancheView> Tranches { get; init; } = [];
    public IReadOnlyList<RepaymentView> Repayments { get; init; } = [];
    /// <summary>Overpayments to refund waiting for a second person's confirmation: nothing of them is booked yet.</summary>
    public IReadOnlyList<PendingOverpaymentView> PendingOverpayments { get; init; } = [];
    public IReadOnlyList<RestructuringView> Restructurings { get; init; } = [];
    public IReadOnlyList<WaiverView> Waivers { get; init; } = [];
    public IReadOnlyList<CreditCheckView> CreditChecks { get; init; } = [];
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];
    /// <summary>The date the principal left the balance sheet (the provisions were used, <see cref="LoanProvisionsUsed"/>); the
    /// borrower still owes principal and interest, tracked off-balance.</summary>
    public LocalDate? OffBalanceSince { get; init; }
    /// <summary>The date the loan was written off the books (xuất toán, <see cref="LoanWrittenOffFromBooks"/>).</summary>
    public LocalDate? WrittenOffOn { get; init; }
    /// <summary>Recovered since the loan left the balance sheet (<see cref="LoanRecoveryRecorded"/>).</summary>
    public long Recovered { get; init; }
    /// <summary>The responsible credit officer (<see cref="Officers.ResponsibleOfficer"/>): the appraiser until reassigned;
    /// null before the appraisal. Duplicated for the officer's worklists.</summary>
    public Guid? OfficerId { get; init; }
    public string? OfficerName { get; init; }
    public long Version { get; init; }
    /// <summary>Brought in from the fund's earlier books (<see cref="Migrating.LoanMigrated"/>): the import, the cut-over and the row.</summary>
    public MigratedView? Migrated { get; init; }
    /// <summary>The balances the loan was taken over with at the cut-over (<see cref="Migrating.LoanOpeningBalanceRecorded"/>).</summary>
    public OpeningBalanceView? OpeningBalance { get; init; }
    /// <summary>The valuation as of the requested date, computed per request from the events (never stored: the
    /// projection leaves it null).</summary>
    public Servicing.LoanPosition? Position { get; init; }

    public bool IsLoan => Stage != LoanStage.Application;

    /// <summary>The part of the loan's commitment still undisbursed at the end of <paramref name="asOf"/>
    /// (<see cref="LoanCommitments.UndisbursedAsOf"/>, the rule <see cref="Loan.CommittedAsOf"/> follows too).</summary>
    public long CommittedAsOf(LocalDate asOf) => LoanCommitments.UndisbursedAsOf(asOf, ApprovedOn, ApprovedAmount, ContractSignedOn,
        ContractedAmount, Tranches.Where(t => t.State == TrancheState.Disbursed).Select(t => (t.ValueDate, t.Amount)), OpeningBalance?.CutOver);

    /// <summary>What the borrower sees: everything but who in the fund did what.</summary>
    public LoanDetails ForBorrower() => this with
    {
        Tranches = Tranches.Select(t => t with { PreparedBy = "", ConfirmedBy = null, CancelledBy = null, CapitalEntryId = null }).ToArray(),
        CreditChecks = CreditChecks.Select(c => c with { RecordedBy = "" }).ToArray(),
        Repayments = Repayments.Select(r => r with { RecordedBy = "", ReversedBy = null }).ToArray(),
        PendingOverpayments = PendingOverpayments.Select(p => p with { SubmittedBy = "", SubmittedById = Guid.Empty }).ToArray(),
        Restructurings = Restructurings.Select(r => r with { RequestedBy = "", ApprovedBy = null, DecidedBy = null }).ToArray(),
        Waivers = Waivers.Select(w => w with { RequestedBy = "", DecidedBy = null }).ToArray(),
        History = History.Select(h => h.Roles.Contains(Roles.Cooperative) ? h : h with { UserName = "", Roles = [] }).ToArray(),
    };
}

public sealed partial class LoanDetailsProjection : SingleStreamProjection<LoanDetails, Guid>
{
    /// <summary>Rebuild settings (the projection runs inline; these apply only when it is rebuilt from the events): pages
    /// of 5,000 events instead of 500, and each loan's view written once per 5,000 loans instead of once per page it
    /// appears in (load test, docs/benchmarks.md).</summary>
    public LoanDetailsProjection()
    {
        Options.BatchSize = 5000;
        Options.RebuildFlushThreshold = 5000;
    }

    private static HistoryEntry Entry(Actor by, Instant at, string action, string description) =>
        new(at, by.UserName, by.Roles, action, description);

    /// <summary>The view after an event: the amounts recomputed, the history entry added and the version moved, in one
    /// copy (loops rather than LINQ: this runs for every event of every loan when the view is rebuilt).</summary>
    private static LoanDetails Log(LoanDetails d, IEvent e, HistoryEntry entry)
    {
        long disbursed = d.OpeningBalance?.PrincipalOutstanding ?? 0, repaid = 0;
        foreach (var t in d.Tranches)
            if (t.State == TrancheState.Disbursed) disbursed += t.Amount;
        foreach (var r in d.Repayments)
            if (!r.Reversed) repaid += r.Allocation.Principal.Dong;
        var contracted = d.Stage is LoanStage.Contracted or LoanStage.Closed;
        var undisbursed = d.CommittedAsOf(LocalDate.MaxIsoValue);
        var history = new HistoryEntry[d.History.Count + 1];
        for (var i = 0; i < d.History.Count; i++) history[i] = d.History[i];
        history[^1] = entry;
        return d with
        {
            StageName = d.Stage.DisplayName(),
            DisbursedAmount = disbursed,
            UndisbursedAmount = contracted ? undisbursed : 0,
            PrincipalRepaid = repaid,
            Exposure = LoanCommitments.Exposure(d.Stage, disbursed - repaid, undisbursed),
            History = history,
            Version = e.Version,
        };
    }

    public static LoanDetails Create(IEvent<ApplicationDrafted> @event)
    {
        var e = @event.Data;
        return new LoanDetails
        {
            Id = e.ApplicationId, CooperativeId = e.CooperativeId, MemberId = e.MemberId,
            BorrowerKey = ApplicationAccess.BorrowerKey(e.CooperativeId, e.MemberId), BorrowerName = e.BorrowerName,
            Version = @event.Version,
        };
    }

    /// <summary>The appraiser becomes the responsible officer unless one already is; no history entry (the application's history has it).</summary>
    public static LoanDetails Apply(IEvent<ApplicationAppraised> @event, LoanDetails d) => d.OfficerId is null
        ? d with { OfficerId = @event.Data.By.UserId, OfficerName = @event.Data.By.UserName, Version = @event.Version }
        : d with { Version = @event.Version };

    public static LoanDetails Apply(IEvent<Inspections.LoanUseFollowUpDecided> @event, LoanDetails d)
    {
        var e = @event.Data;
        var what = e.Decision == Inspections.MisuseDecision.Recall
            ? $"Quyết định thu hồi nợ trước hạn (hạn {e.RecallBy:dd/MM/yyyy}) do sử dụng vốn vay sai mục đích: {e.Reason}"
            : $"Cảnh báo bên vay do sử dụng vốn vay sai mục đích: {e.Reason}";
        return Log(d, @event, Entry(e.By, e.At, e.Decision == Inspections.MisuseDecision.Recall ? "loan_recall_decided" : "loan_use_warning_issued", what));
    }

    public static LoanDetails Apply(IEvent<Officers.ResponsibleOfficerReassigned> @event, LoanDetails d)
    {
        var e = @event.Data;
        var from = e.From is { } f ? $" (thay cho {f.UserName})" : "";
        return Log(d with { OfficerId = e.To.UserId, OfficerName = e.To.UserName }, @event, Entry(e.By, e.At, "officer_reassigned",
            $"Giao khoản vay cho cán bộ tín dụng {e.To.UserName}{from}: {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<LoanApproved> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d with { Stage = LoanStage.Approved, DecisionNumber = e.DecisionNumber, ApprovedOn = e.BusinessDate, ApprovedAmount = e.Terms.Amount },
            @event, Entry(e.By, e.At, "approved",
                $"Phê duyệt cho vay {Money.Of(e.Terms.Amount).ToDisplayString()} (quyết định số {e.DecisionNumber}, ngày {e.BusinessDate:dd/MM/yyyy})."));
    }

    /// <summary>The decision's letter is issued in its own transaction just after the decision: the loan's version
    /// follows the stream (a command sent with it is not refused as stale).</summary>
    public static LoanDetails Apply(IEvent<DecisionLetterIssued> @event, LoanDetails d) => d with { Version = @event.Version };

    public static LoanDetails Apply(IEvent<LoanContractSigned> @event, LoanDetails d)
    {
        var e = @event.Data;
        var c = e.Contract;
        return Log(d with
            {
                Stage = LoanStage.Contracted, Contract = c, ContractNumber = c.ContractNumber, ContractSignedOn = c.SignedOn,
                ContractedAmount = c.Terms.Amount,
            },
            @event, Entry(e.By, e.At, "contract_signed",
                $"Ký hợp đồng tín dụng số {c.ContractNumber} ngày {c.SignedOn:dd/MM/yyyy}: {Money.Of(c.Terms.Amount).ToDisplayString()}, "
                + $"lãi suất {c.Terms.AnnualRatePercent:0.##}%/năm, thời hạn {c.Terms.TermMonths} tháng, {c.Schedule.Count} kỳ trả nợ."));
    }

    /// <summary>Historic (contracts issued with the signing by earlier builds); the view's file now comes from the
    /// <see cref="Contracting.LoanContractDocument"/> when it is read.</summary>
    public static LoanDetails Apply(IEvent<LoanContractDocumentIssued> @event, LoanDetails d) =>
        d with { ContractFileId = @event.Data.FileId, Version = @event.Version };

    public static LoanDetails Apply(IEvent<BorrowerCreditChecked> @event, LoanDetails d)
    {
        var e = @event.Data;
        var result = e.Result == CreditCheckResult.NoBadDebt ? "không có nợ xấu" : "CÓ NỢ XẤU";
        return Log(d with { CreditChecks = [.. d.CreditChecks, new CreditCheckView(e.CheckId, e.Result, e.Source, e.CheckedOn, e.Note, e.By.UserName, e.At)] },
            @event, Entry(e.By, e.At, "credit_checked", $"Ghi nhận kết quả kiểm tra thông tin tín dụng ({e.Source}, ngày {e.CheckedOn:dd/MM/yyyy}): {result}."));
    }

    public static LoanDetails Apply(IEvent<TranchePrepared> @event, LoanDetails d)
    {
        var e = @event.Data;
        var tranche = new TrancheView(e.TrancheId, e.Amount, e.ValueDate, e.BeneficiaryAccount, e.BankName, e.Reference,
            TrancheState.Prepared, TrancheState.Prepared.DisplayName(), e.By.UserName, e.At, null, null, null, null, null);
        return Log(d with { Tranches = [.. d.Tranches, tranche] }, @event, Entry(e.By, e.At, "tranche_prepared",
            $"Lập đề nghị giải ngân {Money.Of(e.Amount).ToDisplayString()}, ngày giá trị {e.ValueDate:dd/MM/yyyy}, vào tài khoản {e.BeneficiaryAccount} tại {e.BankName} ({e.Reference})."));
    }

    public static LoanDetails Apply(IEvent<TrancheCancelled> @event, LoanDetails d)
    {
        var e = @event.Data;
        var tranche = d.Tranches.Single(t => t.TrancheId == e.TrancheId);
        return Log(WithTranche(d, tranche with
            {
                State = TrancheState.Cancelled, StateName = TrancheState.Cancelled.DisplayName(), CancelledBy = e.By.UserName,
                CancellationReason = e.Reason,
            }),
            @event, Entry(e.By, e.At, "tranche_cancelled", $"Hủy đề nghị giải ngân {Money.Of(tranche.Amount).ToDisplayString()}: {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<TrancheDisbursed> @event, LoanDetails d)
    {
        var e = @event.Data;
        var tranche = d.Tranches.Single(t => t.TrancheId == e.TrancheId);
        return Log(WithTranche(d, tranche with
            {
                State = TrancheState.Disbursed, StateName = TrancheState.Disbursed.DisplayName(), ConfirmedBy = e.By.UserName,
                ConfirmedAt = e.At, CapitalEntryId = e.CapitalEntryId,
            }),
            @event, Entry(e.By, e.At, "tranche_disbursed",
                $"Duyệt và giải ngân {Money.Of(e.Amount).ToDisplayString()}, ngày giá trị {e.ValueDate:dd/MM/yyyy}."));
    }

    public static LoanDetails Apply(IEvent<LoanRepaymentRecorded> @event, LoanDetails d)
    {
        var e = @event.Data;
        var view = new RepaymentView(e.RepaymentId, e.Amount, e.ValueDate, e.Channel, e.BankReference, e.Allocation, e.StatementId,
            e.By.UserName, e.At, false, null, null);
        var a = e.Allocation;
        return Log(d with { Repayments = [.. d.Repayments, view] }, @event, Entry(e.By, e.At, "repayment_recorded",
            $"Thu nợ {Money.Of(e.Amount).ToDisplayString()}, ngày giá trị {e.ValueDate:dd/MM/yyyy} ({e.BankReference}): gốc {a.Principal.ToDisplayString()}, "
            + $"lãi {a.ContractualInterest.ToDisplayString()}, lãi phạt {a.PenaltyInterest.ToDisplayString()}"
            + (a.RefundableExcess.IsPositive ? $", tiền thừa phải hoàn trả {a.RefundableExcess.ToDisplayString()}." : ".")));
    }

    public static LoanDetails Apply(IEvent<LoanRepaymentReversed> @event, LoanDetails d)
    {
        var e = @event.Data;
        var repayment = d.Repayments.Single(r => r.RepaymentId == e.RepaymentId);
        return Log(d with
            {
                Repayments = d.Repayments.Select(r => r.RepaymentId == e.RepaymentId
                    ? r with { Reversed = true, ReversedBy = e.By.UserName, ReversalReason = e.Reason } : r).ToArray(),
            },
            @event, Entry(e.By, e.At, "repayment_reversed",
                $"Hủy bút toán thu nợ {Money.Of(repayment.Amount).ToDisplayString()} ngày {repayment.ValueDate:dd/MM/yyyy} ({repayment.BankReference}): {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<LoanOverpaymentSubmitted> @event, LoanDetails d)
    {
        var e = @event.Data;
        var view = new PendingOverpaymentView(e.RepaymentId, e.Amount, e.ValueDate, e.Channel, e.BankReference, e.Payoff, e.Amount - e.Payoff,
            e.By.UserName, e.By.UserId, e.At);
        return Log(d with { PendingOverpayments = [.. d.PendingOverpayments, view] }, @event, Entry(e.By, e.At, "overpayment_submitted",
            $"Ghi nhận khoản thu {Money.Of(e.Amount).ToDisplayString()}, ngày giá trị {e.ValueDate:dd/MM/yyyy} ({e.BankReference}), lớn hơn số tiền tất toán "
            + $"{Money.Of(e.Payoff).ToDisplayString()}: nộp thừa {Money.Of(e.Amount - e.Payoff).ToDisplayString()} cần hoàn trả, chờ người thứ hai xác nhận."));
    }

    public static LoanDetails Apply(IEvent<LoanOverpaymentConfirmed> @event, LoanDetails d) =>
        Decided(d, @event, @event.Data.RepaymentId, @event.Data.By, @event.Data.At, "overpayment_confirmed",
            p => $"Xác nhận khoản nộp thừa {Money.Of(p.Amount).ToDisplayString()} ({p.BankReference}); ghi sổ thu nợ, tiền thừa hoàn trả người vay.");

    public static LoanDetails Apply(IEvent<LoanOverpaymentRejected> @event, LoanDetails d) =>
        Decided(d, @event, @event.Data.RepaymentId, @event.Data.By, @event.Data.At, "overpayment_rejected",
            p => $"Từ chối khoản thu {Money.Of(p.Amount).ToDisplayString()} ({p.BankReference}), không ghi sổ: {@event.Data.Reason}");

    /// <summary>A pending overpayment confirmed or rejected: it leaves the list, the history says which.</summary>
    private static LoanDetails Decided(LoanDetails d, IEvent e, Guid repaymentId, Actor by, Instant at, string action,
        Func<PendingOverpaymentView, string> description)
    {
        var pending = d.PendingOverpayments.Single(p => p.RepaymentId == repaymentId);
        return Log(d with { PendingOverpayments = d.PendingOverpayments.Where(p => p.RepaymentId != repaymentId).ToArray() }, e,
            Entry(by, at, action, description(pending)));
    }

    public static LoanDetails Apply(IEvent<LoanClosed> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d with { Stage = LoanStage.Closed, ClosedOn = e.ClosedOn, RefundableExcessAtClosure = e.RefundableExcess }, @event,
            Entry(e.By, e.At, "closed", $"Tất toán khoản vay ngày {e.ClosedOn:dd/MM/yyyy}"
                + (e.RefundableExcess > 0 ? $"; tiền thừa phải hoàn trả người vay {Money.Of(e.RefundableExcess).ToDisplayString()}." : ".")));
    }

    private static LoanDetails WithTranche(LoanDetails d, TrancheView tranche) =>
        d with { Tranches = d.Tranches.Select(t => t.TrancheId == tranche.TrancheId ? tranche : t).ToArray() };
}
