using System.Security.Claims;
using HtxFund.Applications;
using HtxFund.Applications.Appraising;
using HtxFund.Applications.Deciding;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Tests.Applications.Deciding;

/// <summary>
/// The decisions themselves, without a host or a database (STYLE.md item 18): an application folded from its events, the
/// values the command's Load/Before steps hand over (the recorded tier, the limit checks, the numbers taken from the
/// registers), and the pure Validate and Post, which refuse or return the events and the letter to issue.
/// </summary>
public sealed class deciding_on_an_application
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 3, 0);
    private static readonly LocalDate Today = new(2026, 11, 22);
    private static readonly Guid Officer = Guid.NewGuid();
    private static readonly DecidingTier DirectorTier = new(ApprovalAuthority.Director, Money.Of(500_000_000), null, null, false, 1);
    private static readonly DecidingTier BoardTier = new(ApprovalAuthority.Board, null, 3, BoardMajority.MoreApproveThanReject, true, 1);

    private static ClaimsPrincipal User(Guid id, string name, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(HtxClaims.UserId, id.ToString()), new Claim(HtxClaims.UserName, name), new Claim(HtxClaims.Fund, "daklak"),
                .. roles.Select(r => new Claim(HtxClaims.Role, r))],
            "test", HtxClaims.UserName, HtxClaims.Role));

    private static LoanProposal Proposal(long amount) =>
        new(amount, 6m, 36, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 0, new LocalDate(2026, 12, 1));

    /// <summary>An application appraised at <paramref name="amount"/> by <see cref="Officer"/>, the decision given to
    /// <paramref name="tier"/>; entered in the register as <paramref name="number"/> (null: submitted before files were
    /// numbered).</summary>
    private static LoanApplication Appraised(long amount, DecidingTier tier, string? number = "HS-2026-00001")
    {
        var id = Guid.NewGuid();
        var applicant = new Actor(Guid.NewGuid(), "htx.eatu", [Roles.Cooperative]);
        var request = new LoanRequest("Mua máy sấy cà phê", "Chế biến cà phê", 3_000_000_000, 1_000_000_000, amount, 36,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 0, [], true, PriorityFlags.None);
        var application = LoanApplication.Create(new ApplicationDrafted(id, Guid.NewGuid(), null, "HTX Ea Tu", "Đắk Lắk", request, applicant, Now, Today));
        if (number is not null) application = application.Apply(new ApplicationNumbered(id, number, applicant, Now));
        application = application.Apply(new ApplicationSubmitted(id, applicant, Now, Today));
        var appraisal = new Appraisal(true, "", "Dòng tiền đủ trả nợ.", RiskRating.Low, Proposal(amount), 0, Recommendation.Approve, "", [], 0, [],
            20_000_000_000, 1, tier);
        return application.Apply(new ApplicationAppraised(id, appraisal, new Actor(Officer, "daklak.creditofficer", [Roles.CreditOfficer]), Now, Today))
            with { Version = 4 };
    }

    private static LoanApplication VotedBy(LoanApplication application, Guid member, BoardVote vote, string comment) =>
        application.Apply(new BoardVoteCast(application.Id, vote, comment, new Actor(member, "board", [Roles.BoardMember]), Now))
            with { Version = application.Version + 1 };

    private static LimitChecks.Outcome Passed(long amount) =>
        new([new LimitResult("Single borrower", LimitChecks.SingleBorrower, 3_000_000_000, amount, 3_000_000_000 - amount, true, "")],
            20_000_000_000, LendingPolicy.Default);

    private static DirectorDecisionBasis ApprovalBasis(long amount)
    {
        var terms = Proposal(amount);
        return new DirectorDecisionBasis(DirectorTier, FundPolicy.Default, terms, ScheduleRows.Try(terms, LendingPolicy.Default), Passed(amount));
    }

    private static string? CodeOf(ProblemDetails problem) =>
        ReferenceEquals(problem, WolverineContinue.NoProblems) ? null : problem.Extensions["code"]?.ToString();

    [Fact]
    public void the_directors_approval_is_the_decision_with_the_number_it_took_and_its_letter_follows_as_a_message()
    {
        var application = Appraised(400_000_000, DirectorTier);
        var director = User(Guid.NewGuid(), "daklak.director", Roles.Director);

        var (events, messages) = DecideApplicationEndpoint.Post(application.Id, new DecideApplication(4, true, null, null, "  Đồng ý cho vay. "),
            application, ApprovalBasis(400_000_000), new TakenNumbers(null, "7/QĐ-QHTX"), director, Now, Today);

        var approved = events.ShouldHaveSingleItem().ShouldBeOfType<LoanApproved>();
        approved.DecisionNumber.ShouldBe("7/QĐ-QHTX");
        approved.DecidedBy.ShouldBe(Decider.Director);
        approved.Terms.ShouldBe(Proposal(400_000_000));
        approved.Schedule.Count.ShouldBe(36);
        approved.Note.ShouldBe("Đồng ý cho vay.");
        approved.By.UserName.ShouldBe("daklak.director");
        approved.At.ShouldBe(Now);
        messages.ShouldBe([new IssueDecisionLetter(application.Id)]);
    }

    [Fact]
    public void a_file_submitted_before_files_were_numbered_is_entered_in_the_register_just_before_its_decision()
    {
        var application = Appraised(300_000_000, DirectorTier, number: null);
        var director = User(Guid.NewGuid(), "daklak.director", Roles.Director);

        var (events, _) = DecideApplicationEndpoint.Post(application.Id,
            new DecideApplication(4, false, null, ["  Phương án chưa chứng minh được nguồn trả nợ. ", " "], null),
            application, DirectorDecisionBasis.None with { Tier = DirectorTier }, new TakenNumbers("HS-2026-00009", "3/TB-QHTX"), director, Now, Today);

        events.Select(e => e.GetType()).ShouldBe([typeof(ApplicationNumbered), typeof(LoanRejected)]);
        events[0].ShouldBeOfType<ApplicationNumbered>().Number.ShouldBe("HS-2026-00009");
        var rejected = events[1].ShouldBeOfType<LoanRejected>();
        rejected.DecisionNumber.ShouldBe("3/TB-QHTX");
        rejected.Reasons.ShouldBe(["Phương án chưa chứng minh được nguồn trả nợ."]);
    }

    [Fact]
    public void whoever_appraised_is_refused_the_decision_and_the_vote()
    {
        var director = Appraised(400_000_000, DirectorTier);
        var board = Appraised(2_000_000_000, BoardTier);
        var appraiser = User(Officer, "daklak.officer.all", Roles.CreditOfficer, Roles.Director, Roles.BoardMember);

        CodeOf(DecideApplicationEndpoint.Validate(director.Id, new DecideApplication(4, true, null, null, null), director,
            ApprovalBasis(400_000_000), appraiser)).ShouldBe("four_eyes.appraiser_cannot_decide");
        CodeOf(CastBoardVoteEndpoint.Validate(board.Id, new CastBoardVote(4, "Approve", ""), board,
            new VoteBasis(BoardTier, BoardTally.With(board, Officer, BoardVote.Approve, BoardTier), null, null), appraiser))
            .ShouldBe("four_eyes.appraiser_cannot_decide");
    }

    [Fact]
    public void the_director_is_refused_a_board_application_and_an_amount_above_the_appraisal()
    {
        var director = User(Guid.NewGuid(), "daklak.director", Roles.Director);
        var board = Appraised(2_000_000_000, BoardTier);
        CodeOf(DecideApplicationEndpoint.Validate(board.Id, new DecideApplication(4, false, null, ["Không"], null), board,
            DirectorDecisionBasis.None with { Tier = BoardTier }, director)).ShouldBe("decision.outside_tier");

        var own = Appraised(300_000_000, DirectorTier);
        var above = ApprovalBasis(350_000_000);
        CodeOf(DecideApplicationEndpoint.Validate(own.Id, new DecideApplication(4, true, null, null, null), own, above, director))
            .ShouldBe("decision.amount_above_request");
        CodeOf(DecideApplicationEndpoint.Validate(own.Id, new DecideApplication(4, true, null, null, null), own, ApprovalBasis(300_000_000), director))
            .ShouldBeNull();
    }

    [Fact]
    public void a_stale_version_is_refused_with_the_current_one()
    {
        var application = Appraised(400_000_000, DirectorTier);
        var refusal = DecideApplicationEndpoint.Validate(application.Id, new DecideApplication(3, true, null, null, null), application,
            ApprovalBasis(400_000_000), User(Guid.NewGuid(), "daklak.director", Roles.Director));
        CodeOf(refusal).ShouldBe("application.version_conflict");
        refusal.Extensions["currentVersion"].ShouldBe(4L);
    }

    [Fact]
    public void a_vote_short_of_the_quorum_is_only_the_vote_and_issues_no_letter()
    {
        var application = Appraised(2_000_000_000, BoardTier);
        var member = Guid.NewGuid();
        var basis = new VoteBasis(BoardTier, BoardTally.With(application, member, BoardVote.Approve, BoardTier), null, null);

        var (result, events, messages) = CastBoardVoteEndpoint.Post(application.Id, new CastBoardVote(4, "Approve", " Khả thi. "), application, basis,
            TakenNumbers.None, User(member, "daklak.boardmember", Roles.BoardMember), Now, Today);

        var cast = events.ShouldHaveSingleItem().ShouldBeOfType<BoardVoteCast>();
        (cast.ApplicationId, cast.Vote, cast.Comment, cast.By.UserId, cast.At).ShouldBe((application.Id, BoardVote.Approve, "Khả thi.", member, Now));
        messages.ShouldBeEmpty();
        result.ShouldBe(new VoteResult("QuorumNotReached", 1, 0, 0, 3, 5));
    }

    [Fact]
    public void the_rejecting_vote_that_decides_gives_the_rejecting_members_comments_and_no_one_elses_as_reasons()
    {
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var application = VotedBy(VotedBy(Appraised(2_000_000_000, BoardTier), first, BoardVote.Reject, "Tài sản bảo đảm chưa đủ."),
            second, BoardVote.Approve, "Phương án tốt.");
        var tally = BoardTally.With(application, third, BoardVote.Reject, BoardTier);
        tally.Outcome.ShouldBe(BoardVoteOutcome.NotApproved);

        var (result, events, messages) = CastBoardVoteEndpoint.Post(application.Id, new CastBoardVote(6, "Reject", "Dòng tiền yếu."), application,
            new VoteBasis(BoardTier, tally, null, null), new TakenNumbers(null, "2/TB-QHTX"), User(third, "daklak.board3", Roles.BoardMember), Now, Today);

        events.Select(e => e.GetType()).ShouldBe([typeof(BoardVoteCast), typeof(LoanRejected)]);
        var rejected = events[1].ShouldBeOfType<LoanRejected>();
        rejected.Reasons.ShouldBe(["Tài sản bảo đảm chưa đủ.", "Dòng tiền yếu."]);
        rejected.DecidedBy.ShouldBe(Decider.Board);
        rejected.DecisionNumber.ShouldBe("2/TB-QHTX");
        messages.ShouldBe([new IssueDecisionLetter(application.Id)]);
        result.ShouldBe(new VoteResult("NotApproved", 1, 2, 0, 3, 8));
    }

    [Fact]
    public void a_member_who_voted_is_refused_a_second_vote()
    {
        var member = Guid.NewGuid();
        var application = VotedBy(Appraised(2_000_000_000, BoardTier), member, BoardVote.Approve, "");
        var basis = new VoteBasis(BoardTier, BoardTally.With(application, member, BoardVote.Reject, BoardTier), null, null);

        CodeOf(CastBoardVoteEndpoint.Validate(application.Id, new CastBoardVote(5, "Reject", "Đổi ý"), application, basis,
            User(member, "daklak.boardmember", Roles.BoardMember))).ShouldBe("vote.already_cast");
    }

    [Fact]
    public void appraising_again_while_the_board_votes_voids_the_votes_and_leaves_the_decision_with_the_board()
    {
        var member = Guid.NewGuid();
        var application = VotedBy(Appraised(2_000_000_000, BoardTier), member, BoardVote.Approve, "");
        var proposal = Proposal(300_000_000); // the default matrix gives 300.000.000 ₫ to the Director
        var basis = new AppraisalBasis(FundPolicy.Default, proposal, ScheduleRows.Try(proposal, LendingPolicy.Default), Passed(300_000_000), BoardTier);
        var command = new AppraiseApplication(5, true, "", "Giảm số tiền theo dòng tiền.", "Medium",
            new ProposalInput(300_000_000, 6m, 36, "EqualPrincipal", "Monthly", 0, new LocalDate(2026, 12, 1)), null, "Approve", "");

        var events = AppraiseApplicationEndpoint.Post(application.Id, command, application, basis,
            User(Officer, "daklak.creditofficer", Roles.CreditOfficer), Now, Today);

        events.Select(e => e.GetType()).ShouldBe([typeof(BoardVotesVoided), typeof(ApplicationAppraised)]);
        events[0].ShouldBeOfType<BoardVotesVoided>().Voters.ShouldBe([member]);
        var appraisal = events[1].ShouldBeOfType<ApplicationAppraised>().Appraisal;
        appraisal.DecidingTier.ShouldBe(BoardTier);
        appraisal.Proposal.ShouldBe(proposal);
        appraisal.SchedulePreview.Count.ShouldBe(36);
    }
}
