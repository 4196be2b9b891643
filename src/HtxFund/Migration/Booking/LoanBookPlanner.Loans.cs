using HtxFund.Applications;
using HtxFund.Applications.Applying;
using HtxFund.Applications.Deciding;
using HtxFund.Collateral;
using HtxFund.Collateral.Registering;
using HtxFund.Collateral.Valuing;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Disbursing;
using HtxFund.Loans.Migrating;
using HtxFund.Loans.Repaying;
using HtxFund.Policy;
using HtxFund.Seeding;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Migration.Booking;

public static partial class LoanBookPlanner
{
    /// <summary>Who borrows: the cooperative and, for a member's loan, the member.</summary>
    public sealed record Borrower(Guid CooperativeId, string CooperativeName, string Province, string Sector, ExistingMember? Member);

    public sealed record LoanDecision(PlannedLoan? Loan, BookingRefusal? Refusal);

    /// <summary>
    /// One loan row as an ordinary loan stream, every event by the domain's own decision and dated as in the file: the
    /// <see cref="LoanMigrated"/> marker, the application drafted, submitted, appraised and approved on the contract date, the
    /// contract signed (the generated schedule, or the file's own rows), then either the history (tranches disbursed and
    /// repayments recorded and split by the engine, in date order; a repayment that settles the loan closes it) or, for a
    /// very old loan, its balances at the cut-over (<see cref="LoanOpeningBalanceRecorded"/>). The day's controls of the old
    /// books (credit check, four eyes on each tranche, the fund's cash) are not decided again: they happened there.
    /// </summary>
    public static LoanDecision PlanLoan(ImportedLoan row, Guid id, Borrower borrower, BookingContext context)
    {
        LoanDecision Refused(ProblemDetails p) => new(null, LoanBookPlan.Refusal(row.Row, row.ContractNumber, p));
        var by = context.By;
        var on = row.ContractDate;
        var method = row.Method == RepaymentMethod.Custom ? RepaymentMethod.EqualPrincipal : row.Method;
        var events = new List<object>();
        var request = new LoanRequestInput(row.Purpose, borrower.Sector, row.Amount, 0, row.Amount, row.TermMonths, method.ToString(),
            row.Frequency.ToString(), row.GraceMonths,
            row.Collateral.Select(c => new CollateralInput(c.Type.ToString(), c.Description, c.MarketValue)).ToArray(), row.Collateral.Count == 0, null);
        var drafted = StartApplicationEndpoint.Decide(new StartApplication(borrower.Member?.MemberId, request), id, borrower.CooperativeId,
            borrower.Member?.FullName ?? borrower.CooperativeName, borrower.Province, by, PortfolioSeeder.At(on, 0), on);
        var proposal = new LoanProposal(row.Amount, row.AnnualRatePercent, row.TermMonths, method, row.Frequency, row.GraceMonths, row.StartDate);
        if (ScheduleRows.TryGenerate(proposal, context.Policy, out var why) is not { } generated)
            return Refused(Infrastructure.Http.Problems.Unprocessable("loan_book.invalid_terms", $"Điều kiện khoản vay không lập được lịch trả nợ: {why}"));
        var tier = Decisions.TierAtAppraisal(context.FundPolicy, row.Amount, boardSeized: false, previous: null);
        var limits = new LimitChecks.Outcome([], 0);
        const string note = "Khoản vay chuyển đổi từ sổ cho vay trước khi dùng HtxFund.";
        var approved = Decisions.Approve(id, proposal, generated, tier.DecidedBy == ApprovalAuthority.Board ? Decider.Board : Decider.Director,
            $"CĐ-{row.ContractNumber}", limits, context.FundPolicy.Version, note, by, PortfolioSeeder.At(on, 3), on);
        // The stream starts with its application (every view of a loan is created by ApplicationDrafted); the marker follows.
        events.AddRange([
            drafted,
            new LoanMigrated(id, context.ImportId, context.FileSha256, context.FileName, row.Row, row.ContractNumber, context.CutOver, by, context.At),
            new ApplicationSubmitted(id, by, PortfolioSeeder.At(on, 1), on),
            new ApplicationAppraised(id, new Appraisal(true, note, note, RiskRating.Low, proposal, row.Collateral.Sum(c => c.MarketValue),
                Recommendation.Approve, note, generated.Rows, generated.TotalInterest, limits.Checks, limits.ActualCharterCapital,
                context.FundPolicy.Version, tier, generated.CalendarVersion), by, PortfolioSeeder.At(on, 2), on),
            approved,
        ]);
        var loan = Loan.Create(drafted).Apply(approved);
        var signing = SignContractEndpoint.Decide(new SignContract(null, row.ContractNumber, on, null, null, null, null, row.StartDate), loan,
            context.Policy, context.FundPolicy.Version, by, PortfolioSeeder.At(on, 4));
        if (signing.Refusal is not null) return Refused(signing.Refusal);
        var signed = OwnSchedule(signing.Signed!, row);
        loan = loan.Apply(signed);
        events.Add(signed);

        var documents = new List<object>();
        if (row.OpeningBalance is { } opening)
        {
            events.Add(new LoanOpeningBalanceRecorded(id, context.CutOver, opening.PrincipalOutstanding, opening.OverduePrincipal,
                opening.DaysPastDue > 0 ? context.CutOver.PlusDays(-opening.DaysPastDue) : null, opening.InterestOwed, opening.PenaltyOwed,
                LoanBookIds.Of(id, "opening-balance"), by, context.At));
        }
        else
        {
            // tranches and repayments in date order; on one date the tranche comes first
            var history = row.Tranches.Select(t => (t.ValueDate, Order: 0, t.Row, Tranche: (ImportedTranche?)t, Repayment: (ImportedRepayment?)null))
                .Concat(row.Repayments.Select(r => (r.ValueDate, Order: 1, r.Row, Tranche: (ImportedTranche?)null, Repayment: (ImportedRepayment?)r)))
                .OrderBy(h => h.ValueDate).ThenBy(h => h.Order).ThenBy(h => h.Row);
            var minute = 10;
            foreach (var step in history)
            {
                var at = PortfolioSeeder.At(step.ValueDate, minute++);
                if (step.Tranche is { } t)
                {
                    var trancheId = LoanBookIds.Of(id, $"tranche|{t.Row}");
                    var prepared = PrepareTrancheEndpoint.Decide(new PrepareTranche(null, t.Amount, t.ValueDate, "Theo sổ cũ", "Theo sổ cũ",
                        $"GN-{row.ContractNumber}-{t.Row}"), loan, trancheId, by, at);
                    loan = loan.Apply(prepared);
                    var disbursed = DisbursementRules.Disbursed(loan, trancheId, by, at, LoanBookIds.Of(id, $"tranche-entry|{t.Row}"));
                    loan = loan.Apply(disbursed);
                    events.AddRange([prepared, disbursed]);
                    continue;
                }
                var r = step.Repayment!;
                var reference = string.IsNullOrWhiteSpace(r.BankReference) ? $"CĐ-{row.ContractNumber}-{r.Row}" : r.BankReference;
                var booking = RepaymentRules.Record(loan, new RepaymentInput(r.Amount, r.ValueDate, RepaymentChannel.BankTransfer, reference),
                    new RepaymentReads(null, context.Policy), r.ValueDate, context.FundPolicy.Settings.RepaymentBackdateDays, by, at, LoanBookIds.Of(id, $"repayment|{r.Row}"),
                    LoanBookIds.Of(id, $"repayment-entry|{r.Row}"));
                if (booking.Refusal is not null) return Refused(booking.Refusal);
                if (booking.Recorded is null)
                    return Refused(Infrastructure.Http.Problems.Unprocessable("loan_book.repayment_above_payoff",
                        $"Khoản thu nợ dòng {r.Row} ({Money.Of(r.Amount).ToDisplayString()}) vượt số tiền tất toán khoản vay ngày {r.ValueDate:dd/MM/yyyy}."));
                loan = loan.Apply(booking.Recorded);
                events.Add(booking.Recorded);
                if (booking.Closed is { } closed)
                {
                    loan = loan.Apply(closed);
                    events.Add(closed);
                }
                if (booking.Reference is { } booked) documents.Add(booked);
            }
        }
        var collateral = row.Collateral.Select(c => Pledged(c, id, borrower, loan, context)).ToList();
        return new(new PlannedLoan(row, id, events.ToArray(), collateral, documents), null);
    }

    /// <summary>The contract with the file's own schedule rows (its due dates and principal) instead of the generated ones.</summary>
    private static LoanContractSigned OwnSchedule(LoanContractSigned signed, ImportedLoan row)
    {
        if (row.Schedule.Count == 0) return signed;
        var balance = row.Amount;
        var rows = row.Schedule.OrderBy(s => s.Number).Select(s =>
        {
            balance -= s.Principal;
            return new ScheduleRow(s.Number, s.DueDate, s.Principal, s.Interest, s.Principal + s.Interest, balance);
        }).ToList();
        return signed with { Contract = signed.Contract with { Schedule = rows, TotalInterest = rows.Sum(s => s.Interest) } };
    }

    /// <summary>A collateral item registered for the borrower, valued as in the file and pledged whole to the loan on the
    /// contract date; released when the loan closed.</summary>
    private static PlannedStream Pledged(ImportedCollateral c, Guid loanId, Borrower borrower, Loan loan, BookingContext context)
    {
        var on = loan.Contract!.SignedOn;
        var at = PortfolioSeeder.At(on, 5);
        var itemId = LoanBookIds.Of(loanId, $"collateral|{c.Row}");
        var registered = RegisterCollateralItemEndpoint.Decide(new RegisterCollateralItem(borrower.CooperativeId, borrower.Member?.MemberId, c.Type,
            borrower.Member?.FullName ?? borrower.CooperativeName, c.Description, c.OwnershipCertificate, null, null, null, null, null, null),
            itemId, context.By, at, on);
        var valued = ValueCollateralItemEndpoint.Decide(new ValueCollateralItem(null, c.MarketValue, c.ValuedOn, "Theo sổ cũ", "Theo sổ cũ"), itemId,
            LoanBookIds.Of(loanId, $"collateral-valuation|{c.Row}"), context.By, at);
        var pledged = new CollateralPledged(itemId, LoanBookIds.Of(loanId, $"collateral-pledge|{c.Row}"), loanId, 100m, on, context.By, at);
        var events = new List<object> { registered, valued, pledged };
        if (loan.ClosedOn is { } closedOn)
        {
            var item = CollateralItem.Create(new Event<CollateralItemRegistered>(registered)).Apply(new Event<CollateralPledged>(pledged));
            events.AddRange(CollateralRules.ReleasedAtClosure(item, loanId, closedOn, context.At));
        }
        return new PlannedStream(itemId, 0, events.ToArray());
    }
}
