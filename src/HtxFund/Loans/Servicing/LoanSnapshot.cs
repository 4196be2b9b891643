using HtxFund.Applications;
using NodaTime;

namespace HtxFund.Loans.Servicing;

/// <summary>
/// The <see cref="Loan"/> aggregate kept as an inline snapshot (one document per loan stream, written in the same
/// transaction as the stream's events), so the monthly classification and the reports read each loan once instead of
/// replaying its application events (the approval and the contract each carry the whole schedule). Every event is
/// applied by <see cref="Loan"/>'s own Create/Apply methods (this type only delegates), so the snapshot is exactly the
/// live fold of the stream; the stream's other events are applied as no-ops so <see cref="Version"/> follows the stream.
/// <para>Readers use it only when it reflects exactly the events they would fold (<see cref="Reports.LoanBook"/>: the
/// stream's version is <see cref="Version"/> and, at a cut, no event of the stream is past the cut); otherwise, and for
/// streams written before the snapshot existed, they fold the events.</para>
/// <see cref="Stage"/>, <see cref="FirstDisbursedDay"/> and <see cref="ClosedDay"/> are duplicated into columns so the
/// run counts its active loans without reading the documents (Marten LINQ cannot compare NodaTime types: day numbers);
/// <see cref="CooperativeId"/> and <see cref="MemberId"/> so the reports list the loans borrower by borrower.
/// </summary>
public sealed record LoanSnapshot
{
    public Guid Id { get; init; }
    /// <summary>The stream version this snapshot reflects (set by Marten).</summary>
    public long Version { get; init; }
    public Loan Loan { get; init; } = null!;
    /// <summary>Who borrows (the application's <see cref="ApplicationDrafted.BorrowerName"/>, as on <see cref="GettingDetails.LoanDetails"/>).</summary>
    public string BorrowerName { get; init; } = "";
    /// <summary>The borrower (<see cref="Loan.CooperativeId"/>, <see cref="Loan.MemberId"/>), duplicated into columns so
    /// the reports can read the loan book borrower by borrower.</summary>
    public Guid CooperativeId { get; init; }
    public Guid? MemberId { get; init; }
    public LoanStage Stage { get; init; }
    /// <summary>Day number (<see cref="DayNumber"/>) of the earliest disbursed tranche's value date; null before any.</summary>
    public int? FirstDisbursedDay { get; init; }
    /// <summary>Day number of <see cref="LoanClosed.ClosedOn"/>; null while open.</summary>
    public int? ClosedDay { get; init; }

    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    public static LoanSnapshot Create(ApplicationDrafted e)
    {
        var loan = Loan.Create(e);
        return new LoanSnapshot
        {
            Id = loan.Id, Loan = loan, BorrowerName = e.BorrowerName, CooperativeId = e.CooperativeId, MemberId = e.MemberId, Stage = loan.Stage,
        };
    }

    private LoanSnapshot With(Loan loan)
    {
        var disbursed = loan.Tranches.Where(t => t.State == TrancheState.Disbursed).Select(t => (LocalDate?)t.ValueDate).Min();
        return this with { Loan = loan, Stage = loan.Stage, FirstDisbursedDay = disbursed is { } d ? DayNumber(d) : null };
    }

    public LoanSnapshot Apply(ApplicationDraftEdited e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanApproved e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanContractSigned e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(BorrowerCreditChecked e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(TranchePrepared e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(TrancheCancelled e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(TrancheDisbursed e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanRepaymentRecorded e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanRepaymentReversed e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanOverpaymentSubmitted e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanOverpaymentConfirmed e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanOverpaymentRejected e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanClosed e) => With(Loan.Apply(e)) with { ClosedDay = DayNumber(e.ClosedOn) };
    public LoanSnapshot Apply(LoanRestructuringRequested e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanRestructuringApproved e) => With(Loan.Apply(e));
    public LoanSnapshot Apply(LoanRestructuringRejected e) => With(Loan.Apply(e));

    // the stream's events Loan does not fold: applied as no-ops so the snapshot's version is the stream's
    public LoanSnapshot Apply(ApplicationDocumentAttached e) => this;
    public LoanSnapshot Apply(ApplicationSubmitted e) => this;
    public LoanSnapshot Apply(ApplicationReturnedForInformation e) => this;
    public LoanSnapshot Apply(ApplicationResubmitted e) => this;
    public LoanSnapshot Apply(ApplicationWithdrawn e) => this;
    public LoanSnapshot Apply(ApplicationAppraised e) => this;
    public LoanSnapshot Apply(BoardVoteCast e) => this;
    public LoanSnapshot Apply(LoanRejected e) => this;
    public LoanSnapshot Apply(DecisionLetterIssued e) => this;
    public LoanSnapshot Apply(LoanContractDocumentIssued e) => this;

    /// <summary>Active at the end of <paramref name="asOf"/> (the rule of <c>ClassificationRunner.ActiveAt</c>): a tranche paid out on or before it, not closed by then.</summary>
    public bool ActiveAt(LocalDate asOf) => Stage is LoanStage.Contracted or LoanStage.Closed
        && FirstDisbursedDay is { } first && first <= DayNumber(asOf) && (ClosedDay is not { } closed || closed > DayNumber(asOf));
}
