using HtxFund.Capital;
using HtxFund.Classification;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.WritingOff;

/// <summary>A group-5 loan of the latest completed classification, as the Risk Handling Council reviews it: principal and
/// the specific provision held for it at the month's end, days past due, whether it left the balance sheet, the pending
/// proposal (if any), the recovery measures last proposed, and the collateral the classification used (items pledged, their
/// value and the deductible value at the month's end).</summary>
public sealed record RiskReviewLoan(Guid LoanId, string? ContractNumber, string BorrowerName, long PrincipalOutstanding, long ProvisionHeld,
    int DaysPastDue, LocalDate? OffBalanceSince, RiskHandlingStep? PendingStep, string? RecoveryActions, int CollateralItems = 0,
    long CollateralValue = 0, long DeductibleCollateral = 0);

/// <summary>A loan tracked off the balance sheet: when its principal left it, the provisions used, the uncovered loss, the
/// money recovered since, the write-off from the books (or the first day it may be proposed).</summary>
public sealed record OffBalanceLoan(Guid LoanId, string? ContractNumber, string BorrowerName, LocalDate OffBalanceSince, long PrincipalOffBalance,
    long ProvisionsUsed, long ChargedToExpense, long Recovered, LocalDate? WrittenOffOn, LocalDate EarliestWriteOff);

/// <summary>A proposal waiting for the competent person's decision.</summary>
public sealed record PendingRiskProposal(Guid LoanId, string? ContractNumber, string BorrowerName, Guid ProposalId, RiskHandlingStep Step,
    RiskHandlingGround Ground, string Reason, LocalDate ProposedOn);

/// <summary>The Risk Handling Council's quarterly review (Decree 45/2021 Art 29.2.a): the group-5 loans of the latest completed
/// classification (<see cref="Month"/>, as of <see cref="AsOf"/>; none before the first run), the proposals waiting for a
/// decision, the loans tracked off-balance, and the fund's provisions booked, used and held, principal off balance and
/// recoveries today.</summary>
public sealed record RiskReview(string? Month, LocalDate? AsOf, RiskHandlingSettings Settings, IReadOnlyList<RiskReviewLoan> Group5,
    IReadOnlyList<PendingRiskProposal> Pending, IReadOnlyList<OffBalanceLoan> OffBalance, long ProvisionsBooked, long ProvisionsUsed,
    long ProvisionsHeld, long PrincipalOffBalance, long Recovered);

public static class GetRiskReviewEndpoint
{
    /// <summary>The risk-handling review of the caller's fund: the group-5 loans of the latest completed monthly
    /// classification with their principal, provision held and days past due; the proposals waiting for the competent
    /// person; the loans tracked off the balance sheet with what was used, lost and recovered; the fund's provisions held
    /// and off-balance principal today.</summary>
    [Authorize(Roles = RiskHandlingText.PortalRoles)]
    [WolverineGet("/api/risk-handling/review", OperationId = "getRiskReview")]
    [Tags("Xử lý rủi ro")]
    [ProducesResponseType<RiskReview>(200)]
    public static async Task<RiskReview> Get(IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var settings = policy.Settings.RiskHandling;
        var run = (await session.Query<ClassificationRun>().OrderByDescending(r => r.Month).Take(24).ToListAsync(ct)).FirstOrDefault(r => r.Completed);
        var group5 = run is null ? [] : (await session.Events.QueryRawEventDataOnly<LoanClassified>()
            .Where(x => x.RunId == run.Id && x.Group == 5).ToListAsync(ct)).ToList();
        var tracked = await session.Query<Loan>().Where(l => l.RiskProposals.Any()).ToListAsync(ct);
        var ids = group5.Select(c => c.LoanId).Except(tracked.Select(l => l.Id)).ToArray();
        var loans = tracked.Concat(ids.Length == 0 ? [] : await session.LoadManyAsync<Loan>(ct, ids)).ToDictionary(l => l.Id);

        var review = group5.OrderByDescending(c => c.DaysPastDue).ThenBy(c => c.ContractNumber, StringComparer.Ordinal).Select(c =>
        {
            var loan = loans.GetValueOrDefault(c.LoanId);
            var last = loan?.RiskProposals.LastOrDefault();
            return new RiskReviewLoan(c.LoanId, c.ContractNumber, loan?.BorrowerName ?? "", c.PrincipalOutstanding, c.SpecificProvision, c.DaysPastDue,
                loan?.OffBalanceSince, last is { State: RiskProposalState.Proposed } ? last.Step : null, last?.RecoveryActions,
                c.Collateral?.Count ?? 0, c.Collateral?.Sum(x => x.Value) ?? 0, c.DeductibleCollateral);
        }).ToArray();
        var pending = tracked.SelectMany(l => l.RiskProposals.Where(p => p.State == RiskProposalState.Proposed)
                .Select(p => new PendingRiskProposal(l.Id, l.Contract?.ContractNumber, l.BorrowerName, p.ProposalId, p.Step, p.Ground, p.Reason, p.ProposedOn)))
            .OrderBy(p => p.ProposedOn).ToArray();
        var offBalance = tracked.Where(l => l.OffBalanceSince is not null).OrderBy(l => l.OffBalanceSince).Select(l => new OffBalanceLoan(l.Id,
            l.Contract?.ContractNumber, l.BorrowerName, l.OffBalanceSince!.Value, l.PrincipalOffBalance, l.ProvisionsUsed, l.ChargedToExpense, l.Recovered,
            l.WrittenOffOn, Lending.RiskHandling.EarliestWriteOff(l.OffBalanceSince.Value, settings.MinYearsFromProvisionUseToWriteOff))).ToArray();

        var ledger = await FundCapital.LedgerAsync(session, ct);
        var today = time.Today;
        return new RiskReview(run?.Month, run?.AsOf, settings, review, pending, offBalance, ledger.ProvisionsBookedAsOf(today).Dong,
            ledger.ProvisionsUsedAsOf(today).Dong, ledger.ProvisionsHeldAsOf(today).Dong, ledger.PrincipalOffBalanceAsOf(today).Dong,
            ledger.RecoveredAsOf(today).Dong);
    }
}
