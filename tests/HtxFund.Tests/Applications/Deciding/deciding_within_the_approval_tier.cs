using Alba;
using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Applications.Deciding;

/// <summary>
/// Who decides follows the appraisal: the tier of the approval matrix in force when the application was appraised
/// (the Director, or the board with its quorum and majority). No later path moves the decision to another body: not an
/// amount sent with the decision, not a policy adopted afterwards, not a re-appraisal or a return once the board has
/// begun to vote. Every refusal appends nothing.
/// </summary>
public sealed class deciding_within_the_approval_tier(AppFixture fixture) : ApplicationContext(fixture)
{
    private static object Lowered(long amount) => new
    {
        approve = true, note = "Giảm số tiền theo khả năng trả nợ.",
        terms = new { amount, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6 },
    };

    /// <summary>Asserts the refusal and that neither the application's stream nor the store gained an event.</summary>
    private async Task RefusedAndNothingAppended(Guid id, Func<Task<IScenarioResult>> call, int status, string code)
    {
        var version = await VersionOf(id);
        var events = await EventCount();
        await (await call()).ShouldBeRefusal(status, code);
        (await VersionOf(id)).ShouldBe(version, "a refused decision appends nothing to the application's stream");
        (await EventCount()).ShouldBe(events);
    }

    private async Task AdoptPolicy(IReadOnlyList<ApprovalTier> matrix)
    {
        var admin = await TokenFor(Roles.Admin);
        var current = await (await Get("/api/policy", admin)).Read<FundPolicy>();
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new
            {
                settings = current.Settings with { ApprovalMatrix = matrix },
                reason = "Sửa đổi ma trận phê duyệt theo Nghị quyết của Hội đồng quản lý",
                expectedVersion = current.Version,
            }).ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
    }

    private static IReadOnlyList<ApprovalTier> Matrix(long directorUpTo, int quorum = 3) =>
    [
        new(Money.Of(directorUpTo), ApprovalAuthority.Director),
        new(null, ApprovalAuthority.Board, quorum, BoardMajority.MoreApproveThanReject),
    ];

    /// <summary>The deciding tier recorded in the application's appraisal, as the API shows it to staff.</summary>
    private async Task<System.Text.Json.JsonElement> DecidingTier(Guid id) =>
        (await (await Get($"/api/applications/{id}", await TokenFor(Roles.CreditOfficer))).ReadJson())
        .GetProperty("application").GetProperty("appraisal").GetProperty("decidingTier");

    private Task<IScenarioResult> Vote(Guid id, string token, string vote = "Approve", string comment = "") =>
        Transition(id, "votes", new { vote, comment }, token);

    [Fact]
    public async Task a_director_cannot_approve_a_board_tier_application_by_lowering_the_amount_into_his_tier()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var director = await TokenFor(Roles.Director);

        await RefusedAndNothingAppended(id, () => Transition(id, "decision", Lowered(400_000_000), director), 403, "decision.outside_tier");
        await RefusedAndNothingAppended(id, () => Transition(id, "decision", new { approve = true }, director), 403, "decision.outside_tier");
        await RefusedAndNothingAppended(id, () => Transition(id, "decision", new { approve = false, reasons = new[] { "Không đủ điều kiện." } }, director),
            403, "decision.outside_tier");
        (await View(id)).Application.Status.ShouldBe(ApplicationStatus.Appraised);
    }

    [Fact]
    public async Task the_refusal_says_which_body_decides_and_the_amount_it_was_appraised_at()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 1_800_000_000);

        var refused = await Transition(id, "decision", Lowered(400_000_000), await TokenFor(Roles.Director));

        var json = await refused.ReadJson();
        json.GetProperty("decidedBy").GetString().ShouldBe("Board");
        json.GetProperty("appraisedAmount").GetInt64().ShouldBe(1_800_000_000);
        json.GetProperty("detail").GetString()!.ShouldContain("1.800.000.000 ₫");
    }

    [Fact]
    public async Task a_director_cannot_raise_the_amount_above_his_tier_or_above_the_appraisal()
    {
        var id = await Appraised(requested: 800_000_000, proposed: 300_000_000);
        var director = await TokenFor(Roles.Director);

        await RefusedAndNothingAppended(id, () => Transition(id, "decision", Lowered(600_000_000), director), 403, "decision.outside_tier");
        await RefusedAndNothingAppended(id, () => Transition(id, "decision", Lowered(450_000_000), director), 422, "decision.amount_above_appraisal");
        await Ok(Transition(id, "decision", Lowered(250_000_000), director));
        (await View(id)).Application.Decision!.Terms!.Amount.ShouldBe(250_000_000);
    }

    [Fact]
    public async Task a_board_vote_on_a_director_tier_application_is_refused()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 450_000_000);
        var board = await BoardMembers(1);

        await RefusedAndNothingAppended(id, () => Vote(id, board[0]), 403, "decision.outside_tier");
        await RefusedAndNothingAppended(id, () => Vote(id, board[0], "Reject", "Không đồng ý."), 403, "decision.outside_tier");
    }

    [Fact]
    public async Task the_director_cannot_decide_once_board_members_have_voted()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(3);
        await Ok(Vote(id, board[0], "Reject", "Dòng tiền chưa đủ trả nợ."));

        await RefusedAndNothingAppended(id, async () => await Transition(id, "decision", Lowered(400_000_000), await TokenFor(Roles.Director)),
            403, "decision.outside_tier");

        await Ok(Vote(id, board[1]));
        await Ok(Vote(id, board[2]));
        (await View(id)).Application.Decision!.DecidedBy.ShouldBe(Decider.Board);
    }

    [Fact]
    public async Task no_vote_or_decision_is_taken_after_the_decision()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(4);
        for (var i = 0; i < 3; i++) await Ok(Vote(id, board[i]));
        (await View(id)).Application.Status.ShouldBe(ApplicationStatus.Approved);

        await RefusedAndNothingAppended(id, () => Vote(id, board[3], "Reject", "Phản đối."), 409, "application.invalid_state");
        await RefusedAndNothingAppended(id, async () => await Transition(id, "decision", Lowered(400_000_000), await TokenFor(Roles.Director)),
            409, "application.invalid_state");
        await RefusedAndNothingAppended(id, async () => await Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)),
            409, "application.invalid_state");
    }

    [Fact]
    public async Task the_director_decides_once()
    {
        var id = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        var director = await TokenFor(Roles.Director);
        await Ok(Transition(id, "decision", new { approve = true }, director));

        await RefusedAndNothingAppended(id, () => Transition(id, "decision", new { approve = false, reasons = new[] { "Đổi ý." } }, director),
            409, "application.invalid_state");
    }

    [Fact]
    public async Task nothing_is_decided_on_a_withdrawn_application()
    {
        var board = await BoardMembers(1);
        var big = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        await Ok(Vote(big, board[0]));
        await Ok(Transition(big, "withdraw", new { reason = "Đã vay được nơi khác." }, Coop));
        await CooperativeSignsInAgain();
        var small = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        await Ok(Transition(small, "withdraw", new { reason = "Đã vay được nơi khác." }, Coop));

        await RefusedAndNothingAppended(big, async () => await Vote(big, await TokenFor(Roles.BoardMember)), 409, "application.invalid_state");
        await RefusedAndNothingAppended(small, async () => await Transition(small, "decision", new { approve = true }, await TokenFor(Roles.Director)),
            409, "application.invalid_state");
    }

    [Fact]
    public async Task a_reappraisal_during_the_board_vote_voids_the_votes_and_the_board_keeps_the_decision()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(3);
        await Ok(Vote(id, board[0], "Reject", "Dòng tiền chưa đủ trả nợ."));
        await Ok(Vote(id, board[1]));

        await Ok(Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)));

        var reappraised = (await View(id)).Application;
        reappraised.Votes.ShouldBeEmpty();
        reappraised.History.Select(h => h.Action).ShouldBe(
            ["drafted", "submitted", "appraised", "voted", "voted", "votes_voided", "appraised"]);
        reappraised.History.Single(h => h.Action == "votes_voided").Description.ShouldContain("2 phiếu");
        (await DecidingTier(id)).GetProperty("decidedBy").GetString().ShouldBe("Board");
        (await View(id, Coop)).Application.History.ShouldNotContain(h => h.Action == "votes_voided");

        await RefusedAndNothingAppended(id, async () => await Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)),
            403, "decision.outside_tier");
        var first = await Vote(id, board[0]);
        (await first.Read<VoteResult>()).Outcome.ShouldBe("QuorumNotReached", "votes cast before the re-appraisal do not count");
        await Ok(Vote(id, board[1]));
        (await (await Vote(id, board[2])).Read<VoteResult>()).Outcome.ShouldBe("Approved");
        var decided = (await View(id)).Application.Decision!;
        decided.DecidedBy.ShouldBe(Decider.Board);
        decided.Terms!.Amount.ShouldBe(400_000_000);
    }

    [Fact]
    public async Task returning_the_file_during_the_board_vote_voids_the_votes_and_the_board_keeps_the_decision()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(3);
        await Ok(Vote(id, board[0], "Reject", "Thiếu báo cáo tài chính đã kiểm toán."));

        await Ok(Transition(id, "return", new { questions = "Bổ sung báo cáo tài chính đã kiểm toán." }, await TokenFor(Roles.CreditOfficer)));
        (await View(id)).Application.Votes.ShouldBeEmpty();
        (await View(id)).Application.History.Select(h => h.Action).TakeLast(2).ShouldBe(["votes_voided", "returned"]);
        var version = await VersionOf(id);
        var edited = await Host.Scenario(s => // a returned file may be edited by the applicant: it now asks for less
        {
            s.WithRequestHeader("Authorization", $"Bearer {Coop}");
            s.Put.Json(new { version, request = Request(amount: 450_000_000, investment: 700_000_000, equity: 250_000_000) })
                .ToUrl($"/api/applications/{id}");
            s.IgnoreStatusCode();
        });
        edited.Context.Response.StatusCode.ShouldBe(204, await edited.ReadAsTextAsync());
        await Ok(Transition(id, "resubmit", new { response = "Đã bổ sung, giảm số tiền đề nghị." }, Coop));
        await Ok(Transition(id, "appraisal", Appraisal(450_000_000), await TokenFor(Roles.CreditOfficer)));

        await RefusedAndNothingAppended(id, async () => await Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)),
            403, "decision.outside_tier");
        foreach (var member in board) await Ok(Vote(id, member));
        (await View(id)).Application.Decision!.DecidedBy.ShouldBe(Decider.Board);
    }

    [Fact]
    public async Task a_reappraisal_before_any_vote_decides_by_the_new_amount()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);

        await Ok(Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)));

        (await View(id)).Application.History.ShouldNotContain(h => h.Action == "votes_voided");
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));
        (await View(id)).Application.Decision!.DecidedBy.ShouldBe(Decider.Director);
    }

    [Fact]
    public async Task a_policy_adopted_after_the_appraisal_does_not_move_a_director_decision_to_the_board()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 450_000_000);
        await AdoptPolicy(Matrix(directorUpTo: 200_000_000));
        var board = await BoardMembers(1);

        await RefusedAndNothingAppended(id, () => Vote(id, board[0]), 403, "decision.outside_tier");
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));
        (await View(id)).Application.Decision!.DecidedBy.ShouldBe(Decider.Director);
    }

    [Fact]
    public async Task a_policy_adopted_after_the_appraisal_does_not_give_a_board_decision_to_the_director_nor_change_its_quorum()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        await AdoptPolicy(Matrix(directorUpTo: 3_000_000_000, quorum: 5));

        await RefusedAndNothingAppended(id, async () => await Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)),
            403, "decision.outside_tier");
        var board = await BoardMembers(3);
        await Ok(Vote(id, board[0]));
        await Ok(Vote(id, board[1]));
        var deciding = await (await Vote(id, board[2])).Read<VoteResult>();
        deciding.Outcome.ShouldBe("Approved", "the quorum of 3 recorded at appraisal decides, not the 5 adopted later");
        deciding.Quorum.ShouldBe(3);
    }

    [Fact]
    public async Task the_appraisal_records_the_deciding_tier_and_the_policy_version_it_came_from()
    {
        await AdoptPolicy(Matrix(directorUpTo: 1_000_000_000, quorum: 4));
        var small = await Appraised(requested: 900_000_000, proposed: 900_000_000);
        await CooperativeSignsInAgain();

        (await View(small)).Application.Appraisal!.PolicyVersion.ShouldBe(2);
        var tier = await DecidingTier(small);
        tier.GetProperty("decidedBy").GetString().ShouldBe("Director");
        tier.GetProperty("upToAmount").GetInt64().ShouldBe(1_000_000_000);
        tier.GetProperty("policyVersion").GetInt32().ShouldBe(2);
        (await View(small, Coop)).Application.Appraisal.ShouldBeNull("the applicant does not see the internal appraisal");
    }

    [Fact]
    public async Task an_appraisal_recorded_before_tiers_were_recorded_is_decided_by_the_matrix_of_the_policy_version_it_names()
    {
        var id = await Submitted(Request(amount: 450_000_000, investment: 700_000_000, equity: 250_000_000));
        // As the appraisal endpoint wrote it before the deciding tier was recorded: policy version 1, no tier.
        var proposal = new LoanProposal(450_000_000, 6m, 36, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 0, new NodaTime.LocalDate(2026, 12, 1));
        var (rows, interest, _) = ScheduleRows.Generate(proposal, LendingPolicy.Default);
        var legacy = new Appraisal(true, "", "Khả năng trả nợ tốt.", RiskRating.Low, proposal, 0, Recommendation.Approve, "", rows, interest,
            [], 20_000_000_000, PolicyVersion: 1);
        await using (var session = Store.LightweightSession(FundA))
        {
            var stream = await session.Events.FetchForWriting<LoanApplication>(id);
            stream.AppendOne(new ApplicationAppraised(id, legacy, new Actor(Guid.NewGuid(), "daklak.credit.old", [Roles.CreditOfficer]),
                AppFixture.Start, new NodaTime.LocalDate(2026, 11, 22)));
            await session.SaveChangesAsync();
        }
        await AdoptPolicy(Matrix(directorUpTo: 200_000_000)); // version 2 would give 450,000,000 ₫ to the board

        await RefusedAndNothingAppended(id, async () => await Vote(id, (await BoardMembers(1))[0]), 403, "decision.outside_tier");
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));
        (await View(id)).Application.Decision!.DecidedBy.ShouldBe(Decider.Director);
    }
}
