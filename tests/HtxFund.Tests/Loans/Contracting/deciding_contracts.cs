using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using NodaTime;

namespace HtxFund.Tests.Loans.Contracting;

/// <summary>Pure tests of the contract's decision (<see cref="HtxFund.Loans.Contracting.SignContractEndpoint.Decide"/>), without a database.</summary>
public sealed class deciding_contracts
{
    private static readonly Instant At = AppFixture.Start;
    private static readonly LocalDate Today = new(2026, 11, 22);
    private static readonly Actor Chief = new(Guid.NewGuid(), "ketoantruong", [Roles.ChiefAccountant]);
    private static readonly LoanProposal ApprovedTerms =
        new(400_000_000, 6m, 36, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 6, Today);

    private static Loan ApprovedLoan()
    {
        var request = new LoanRequest("Mua máy sấy", "Cà phê", 3_000_000_000, 1_000_000_000, 400_000_000, 36,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 6, [], true, PriorityFlags.None);
        return new Loan(Guid.NewGuid(), Guid.NewGuid(), null, request, LoanStage.Approved, ApprovedTerms, Today, null, [], [], [], []);
    }

    private static Loan SignedLoan() =>
        ApprovedLoan().Apply(SignContractEndpoint.Decide(new SignContract(1, "1/HĐTD", Today, null, null, null, null, null),
            ApprovedLoan(), LendingPolicy.Default, 1, Chief, At).Signed!);

    [Fact]
    public void a_contract_takes_the_approved_terms_by_default_and_freezes_the_engines_schedule()
    {
        var decision = SignContractEndpoint.Decide(new SignContract(1, "1/HĐTD", Today, 300_000_000, 24, 3, null, new LocalDate(2026, 12, 1)),
            ApprovedLoan(), LendingPolicy.Default, 4, Chief, At);
        decision.Refusal.ShouldBeNull();
        var contract = decision.Signed!.Contract;
        contract.Terms.ShouldBe(ApprovedTerms with { Amount = 300_000_000, TermMonths = 24, GraceMonths = 3, StartDate = new LocalDate(2026, 12, 1) });
        contract.PolicyVersion.ShouldBe(4);
        var expected = ScheduleGenerator.Generate(ScheduleRows.Terms(contract.Terms), LendingPolicy.Default);
        contract.Schedule.Select(r => (r.DueDate, r.Principal, r.Interest))
            .ShouldBe(expected.Instalments.Select(i => (i.DueDate, i.Principal.Dong, i.Interest.Dong)));
        contract.TotalInterest.ShouldBe(expected.TotalInterest.Dong);
    }

    [Theory]
    [InlineData(400_000_001L, null, null, "contract.amount_above_approval")]
    [InlineData(null, 37, null, "contract.term_above_approval")]
    [InlineData(null, null, 7, "contract.grace_above_approval")]
    public void a_contract_beyond_the_approval_is_refused(long? amount, int? term, int? grace, string code)
    {
        var decision = SignContractEndpoint.Decide(new SignContract(1, "1/HĐTD", Today, amount, term, grace, null, null),
            ApprovedLoan(), LendingPolicy.Default, 1, Chief, At);
        decision.Signed.ShouldBeNull();
        decision.Refusal!.Extensions["code"].ShouldBe(code);
    }

    [Fact]
    public void a_contract_at_another_rate_or_before_the_decision_or_twice_is_refused()
    {
        SignContractEndpoint.Decide(new SignContract(1, "1", Today, null, null, null, 6.5m, null), ApprovedLoan(), LendingPolicy.Default, 1, Chief, At)
            .Refusal!.Extensions["code"].ShouldBe("contract.rate_differs_from_approval");
        SignContractEndpoint.Decide(new SignContract(1, "1", Today.PlusDays(-1), null, null, null, null, null), ApprovedLoan(), LendingPolicy.Default, 1, Chief, At)
            .Refusal!.Extensions["fieldCodes"].ShouldBeAssignableTo<Dictionary<string, string[]>>()!["signedOn"].ShouldBe(["signed_on.before_decision"]);
        SignContractEndpoint.Decide(new SignContract(1, "2", Today, null, null, null, null, null), SignedLoan(), LendingPolicy.Default, 1, Chief, At)
            .Refusal!.Extensions["code"].ShouldBe("contract.already_signed");
    }
}
