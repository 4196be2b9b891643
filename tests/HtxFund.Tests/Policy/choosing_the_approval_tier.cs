using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Policy.Adopting;
using HtxFund.Policy.GettingHistory;
using NodaTime;

namespace HtxFund.Tests.Policy;

/// <summary>Pure tests of the policy value: defaults, tier selection, board tallies, the adopting decision.</summary>
public sealed class choosing_the_approval_tier
{
    private static readonly LocalDate Today = new(2026, 11, 22);

    [Theory]
    [InlineData(1, ApprovalAuthority.Director)]
    [InlineData(499_999_999, ApprovalAuthority.Director)]
    [InlineData(500_000_000, ApprovalAuthority.Director)]
    [InlineData(500_000_001, ApprovalAuthority.Board)]
    [InlineData(37_500_000_000, ApprovalAuthority.Board)]
    public void the_default_matrix_gives_the_director_up_to_500_million_inclusive_and_the_board_above(long amount, ApprovalAuthority expected)
    {
        FundPolicy.Default.DecisionRuleFor(Money.Of(amount)).DecidedBy.ShouldBe(expected);
    }

    [Fact]
    public void the_board_tier_of_the_defaults_has_a_quorum_of_three_and_a_simple_majority()
    {
        var board = FundPolicy.Default.DecisionRuleFor(Money.Of(1_000_000_000));
        board.Quorum.ShouldBe(3);
        board.Majority.ShouldBe(BoardMajority.MoreApproveThanReject);
        board.UpToAmount.ShouldBeNull();
    }

    [Fact]
    public void a_zero_amount_has_no_tier()
    {
        Should.Throw<ArgumentException>(() => FundPolicy.Default.DecisionRuleFor(Money.Zero));
    }

    [Fact]
    public void a_three_tier_matrix_picks_the_first_ceiling_at_or_above_the_amount()
    {
        var policy = FundPolicy.Default with
        {
            Settings = FundPolicySettings.Default with
            {
                ApprovalMatrix =
                [
                    new(Money.Of(200_000_000), ApprovalAuthority.Director),
                    new(Money.Of(2_000_000_000), ApprovalAuthority.Board, 3, BoardMajority.MoreApproveThanReject),
                    new(null, ApprovalAuthority.Board, 5, BoardMajority.TwoThirdsOfVotesCast),
                ],
            },
        };
        policy.DecisionRuleFor(Money.Of(200_000_000)).DecidedBy.ShouldBe(ApprovalAuthority.Director);
        policy.DecisionRuleFor(Money.Of(200_000_001)).Quorum.ShouldBe(3);
        policy.DecisionRuleFor(Money.Of(2_000_000_000)).Quorum.ShouldBe(3);
        policy.DecisionRuleFor(Money.Of(2_000_000_001)).Quorum.ShouldBe(5);
    }

    [Theory]
    [InlineData(2, 0, 0, BoardVoteOutcome.QuorumNotReached)]
    [InlineData(2, 1, 0, BoardVoteOutcome.Approved)]
    [InlineData(1, 1, 1, BoardVoteOutcome.NotApproved)]
    [InlineData(1, 0, 2, BoardVoteOutcome.Approved)]
    [InlineData(1, 2, 0, BoardVoteOutcome.NotApproved)]
    public void a_simple_majority_counts_abstentions_for_the_quorum_only(int approve, int reject, int abstain, BoardVoteOutcome expected)
    {
        FundPolicy.Default.DecisionRuleFor(Money.Of(900_000_000)).Tally(approve, reject, abstain).ShouldBe(expected);
    }

    [Fact]
    public void other_majorities_count_abstentions_against_approval()
    {
        var majority = new ApprovalTier(null, ApprovalAuthority.Board, 3, BoardMajority.MajorityOfVotesCast);
        majority.Tally(1, 0, 2).ShouldBe(BoardVoteOutcome.NotApproved);
        majority.Tally(2, 0, 1).ShouldBe(BoardVoteOutcome.Approved);
        var twoThirds = new ApprovalTier(null, ApprovalAuthority.Board, 3, BoardMajority.TwoThirdsOfVotesCast);
        twoThirds.Tally(2, 1, 0).ShouldBe(BoardVoteOutcome.Approved);
        twoThirds.Tally(3, 1, 1).ShouldBe(BoardVoteOutcome.NotApproved);
        var abstentionsIgnored = new ApprovalTier(null, ApprovalAuthority.Board, 3, BoardMajority.MoreApproveThanReject, AbstentionsCountForQuorum: false);
        abstentionsIgnored.Tally(1, 0, 2).ShouldBe(BoardVoteOutcome.QuorumNotReached);
    }

    [Fact]
    public void the_director_does_not_tally_votes()
    {
        Should.Throw<InvalidOperationException>(() => FundPolicy.Default.DecisionRuleFor(Money.Of(1)).Tally(1, 0, 0));
    }

    [Fact]
    public void the_default_settings_map_to_the_lending_engine_defaults_stamped_with_the_version()
    {
        var lending = FundPolicy.Default.ToLendingPolicy();
        var defaults = LendingPolicy.Default;
        lending.Version.ShouldBe(1);
        lending.SingleBorrowerLimitPercent.ShouldBe(defaults.SingleBorrowerLimitPercent);
        lending.RelatedGroupLimitPercent.ShouldBe(defaults.RelatedGroupLimitPercent);
        lending.MinOwnEquityPercentOfProject.ShouldBe(defaults.MinOwnEquityPercentOfProject);
        lending.OverdueRatePercentOfInTermRate.ShouldBe(defaults.OverdueRatePercentOfInTermRate);
        lending.LateInterestRatePercentPerYear.ShouldBe(defaults.LateInterestRatePercentPerYear);
        lending.GeneralProvisionRatePercent.ShouldBe(defaults.GeneralProvisionRatePercent);
        lending.DebtGroupThresholds.ShouldBe(defaults.DebtGroupThresholds);
        lending.SpecificProvisionRates.ShouldBe(defaults.SpecificProvisionRates);
        lending.TermClasses.ShouldBe(defaults.TermClasses);
        lending.Waterfall.ShouldBe(defaults.Waterfall);
        lending.DueDateRule.ShouldBe(defaults.DueDateRule);
        lending.MaxTermMonths.ShouldBe(defaults.MaxTermMonths);
        var v3 = FundPolicySettings.Default with { SingleBorrowerLimitPercent = 12m };
        var mapped = v3.ToLendingPolicy(3);
        mapped.Version.ShouldBe(3);
        mapped.SingleBorrowerLimitPercent.ShouldBe(12m);
        mapped.TermClasses.ShortTargetWorkingDays.ShouldBe(5);
        mapped.DebtGroupThresholds.Group5FromDays.ShouldBe(180);
        mapped.SpecificProvisionRates.Group3Percent.ShouldBe(25m);
    }

    [Fact]
    public void adopting_increments_the_version_and_a_stale_version_is_refused_with_the_current_one()
    {
        var command = new AdoptFundPolicy(FundPolicySettings.Default with { RelatedGroupLimitPercent = 20m }, "Quy chế mới", 1, null);

        var first = AdoptFundPolicyEndpoint.Decide(command, FundPolicy.Default, Actor.System, AppFixture.Start, Today);
        first.Refusal.ShouldBeNull();
        first.Adopted!.Version.ShouldBe(2);
        first.Adopted.EffectiveFrom.ShouldBe(Today);

        var stale = AdoptFundPolicyEndpoint.Decide(command, FundPolicy.From(first.Adopted), Actor.System, AppFixture.Start, Today);
        stale.Adopted.ShouldBeNull();
        stale.Refusal!.Status.ShouldBe(409);
        stale.Refusal.Extensions["code"].ShouldBe("policy.version_conflict");
        stale.Refusal.Extensions["currentVersion"].ShouldBe(2);
    }

    [Fact]
    public void the_validator_refuses_settings_the_lending_engine_would_refuse()
    {
        var validator = new AdoptFundPolicy.Validator(Today);
        var bad = FundPolicySettings.Default with
        {
            OverdueRatePercentOfInTermRate = 150.5m,
            DebtGroupThresholds = new(10, 30, 30, 180),
            ApprovalMatrix = [new(null, ApprovalAuthority.Board, 0, BoardMajority.MoreApproveThanReject)],
        };
        var codes = validator.Validate(new AdoptFundPolicy(bad, "x", 1, null)).Errors.Select(e => e.ErrorCode).ToArray();
        codes.ShouldContain("overdue_rate_percent_of_in_term_rate.out_of_range");
        codes.ShouldContain("debt_group_thresholds.not_increasing");
        codes.ShouldContain("approval_matrix.quorum_out_of_range");
        validator.Validate(new AdoptFundPolicy(FundPolicySettings.Default, "x", 1, null)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void the_history_lists_what_each_version_changed()
    {
        var v2 = new FundPolicyAdopted(2, FundPolicySettings.Default with { SingleBorrowerLimitPercent = 12m }, Actor.System, AppFixture.Start, Today, "a");
        var history = GetFundPolicyHistoryEndpoint.History([v2]);
        history.Count.ShouldBe(2);
        history[0].Version.ShouldBe(1);
        history[0].Changes.ShouldBeEmpty();
        history[1].Changes.ShouldBe(new[] { new PolicyChange("singleBorrowerLimitPercent", "15 %", "12 %") });
    }
}
