using HtxFund.Applications.GettingDetails;
using HtxFund.Borrowers;
using HtxFund.Capital;
using HtxFund.Documents.Formatting;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Applications;

/// <summary>
/// The limit checks of Decree 45/2021 computed by the server at a moment under the lending policy in force: the single
/// borrower's and the borrower-plus-related-persons' exposure as shares of the fund's actual charter capital at that date
/// (Art 23.2), and the own equity as a share of the project (Art 22.5); the shares are the policy's.
/// Exposure is, for each of the borrower's (and the group's) other loans, its outstanding principal plus its undisbursed
/// commitment (<see cref="Loans.GettingDetails.LoanDetails.Exposure"/>: the approved amount until a contract is
/// signed, then the contracted amount; repayments will lower it).
/// </summary>
public static class LimitChecks
{
    public const string SingleBorrower = nameof(SingleBorrower);
    public const string RelatedGroup = nameof(RelatedGroup);
    public const string OwnEquity = nameof(OwnEquity);

    /// <param name="Policy">The policy the checks were computed under (its shares are quoted in a refusal).</param>
    public sealed record Outcome(IReadOnlyList<LimitResult> Checks, long ActualCharterCapital, LendingPolicy? Policy = null)
    {
        public bool AllPassed => Checks.All(c => c.Passed);
    }

    public static Task<Outcome> ComputeAsync(IQuerySession session, LoanApplication application, long amount, LocalDate asOf,
        LendingPolicy policy, CancellationToken ct) =>
        ComputeAsync(session, application.Id, application.CooperativeId, application.MemberId, application.Request, amount, asOf, policy, ct);

    /// <param name="loanId">The loan being decided or disbursed: its own exposure is <paramref name="amount"/>, not counted twice.</param>
    public static async Task<Outcome> ComputeAsync(IQuerySession session, Guid loanId, Guid cooperativeId, Guid? memberId, LoanRequest request,
        long amount, LocalDate asOf, LendingPolicy policy, CancellationToken ct)
    {
        var capital = await FundCapital.ActualCharterCapitalAsync(session, asOf, ct);
        var borrower = new BorrowerRef(cooperativeId, memberId);
        var group = await RelatedParties.GroupOfAsync(session, borrower, ct);
        var groupKeys = group.Select(b => ApplicationAccess.BorrowerKey(b.CooperativeId, b.MemberId)).Append(borrower.Key()).Distinct().ToArray();

        var loans = await session.Query<Loans.GettingDetails.LoanDetails>()
            .Where(x => x.Stage != Loans.LoanStage.Application && x.Id != loanId && x.BorrowerKey.IsOneOf(groupKeys))
            .Select(x => new { x.BorrowerKey, x.Exposure })
            .ToListAsync(ct);
        var own = loans.Where(a => a.BorrowerKey == borrower.Key()).Sum(a => a.Exposure);
        var groupExposure = loans.Sum(a => a.Exposure);

        var proposed = Money.Of(amount);
        var checks = new[]
        {
            (Kind: SingleBorrower, Check: LendingLimits.CheckSingleBorrower(capital, Money.Of(own), proposed, policy)),
            (Kind: RelatedGroup, Check: LendingLimits.CheckRelatedGroup(capital, Money.Of(groupExposure), proposed, policy)),
            (Kind: OwnEquity, Check: LendingLimits.CheckOwnEquity(Money.Of(request.TotalInvestment), Money.Of(request.OwnEquity), policy)),
        };
        return new Outcome(checks.Select(c => new LimitResult(c.Check.Rule, c.Kind, c.Check.Limit.Dong, c.Check.Value.Dong,
            c.Check.Headroom.Dong, c.Check.Passed, c.Check.Explanation)).ToArray(), capital.Dong, policy);
    }

    public static ProblemDetails Refusal(Outcome outcome, string when) => Refusal(outcome, when, "application.limits_exceeded");

    /// <summary>The refusal of <paramref name="when"/> for the checks that failed, each with its limit, the share of the
    /// policy the checks were computed under and its article.</summary>
    public static ProblemDetails Refusal(Outcome outcome, string when, string code)
    {
        var policy = outcome.Policy ?? throw new ArgumentException("The checks were computed without a policy.", nameof(outcome));
        var failed = outcome.Checks.Where(c => !c.Passed).Select(c => c.Kind switch
        {
            SingleBorrower => $"dư nợ của người vay sau khoản vay ({Formatting.Money(c.Value)}) vượt giới hạn {Formatting.Money(c.Limit)} ({VietnameseFormat.Percent(policy.SingleBorrowerLimitPercent)} vốn điều lệ thực có, Nghị định 45/2021, Điều 23 khoản 2 điểm a)",
            RelatedGroup => $"dư nợ của người vay và người có liên quan ({Formatting.Money(c.Value)}) vượt giới hạn {Formatting.Money(c.Limit)} ({VietnameseFormat.Percent(policy.RelatedGroupLimitPercent)} vốn điều lệ thực có, Điều 23 khoản 2 điểm b)",
            _ => $"vốn tự có thấp hơn mức tối thiểu {Formatting.Money(c.Limit)} ({VietnameseFormat.Percent(policy.MinOwnEquityPercentOfProject)} tổng mức đầu tư, Điều 22 khoản 5)",
        });
        return Problems.Unprocessable(code,
            $"Không thể {when}: " + string.Join("; ", failed) + ".",
            new Dictionary<string, object?> { ["limitChecks"] = outcome.Checks, ["actualCharterCapital"] = outcome.ActualCharterCapital });
    }
}
