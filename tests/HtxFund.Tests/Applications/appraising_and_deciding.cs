using System.Diagnostics;
using Alba;
using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Applications;

public sealed class appraising_and_deciding(AppFixture fixture) : ApplicationContext(fixture)
{
    private static async Task<string> PdfText(IScenarioResult download)
    {
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        var path = Path.Combine(Path.GetTempPath(), $"htxfund-letter-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, bytes.ToArray());
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", $"-layout {path} -") { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task the_whole_flow_apply_return_resubmit_appraise_board_votes_and_approval_with_a_reduced_amount()
    {
        var officer = await TokenFor(Roles.CreditOfficer);
        var id = await Submitted(Request(amount: 2_000_000_000));

        await Ok(Transition(id, "return", new { questions = "Bổ sung báo cáo tài chính năm 2025 đã kiểm toán." }, officer));
        (await View(id, Coop)).Application.QuestionsFromFund.ShouldBe("Bổ sung báo cáo tài chính năm 2025 đã kiểm toán.");
        await Ok(Transition(id, "resubmit", new { response = "Đã bổ sung báo cáo tài chính 2025." }, Coop));
        await Ok(Transition(id, "appraisal", Appraisal(1_500_000_000), officer));

        var appraised = (await View(id)).Application;
        appraised.Appraisal!.SchedulePreview.Count.ShouldBe(36);
        appraised.Appraisal.SchedulePreview.Sum(r => r.Principal).ShouldBe(1_500_000_000);
        appraised.Appraisal.LimitChecks.ShouldAllBe(c => c.Passed);
        appraised.Appraisal.ActualCharterCapital.ShouldBe(20_000_000_000);
        appraised.Appraisal.LimitChecks.Single(c => c.Kind == "SingleBorrower").Limit.ShouldBe(3_000_000_000);

        var board = await BoardMembers(3);
        var first = await Transition(id, "votes", new { vote = "Approve", comment = "Phương án khả thi." }, board[0]);
        (await first.Read<VoteResult>()).Outcome.ShouldBe("QuorumNotReached");
        await Ok(Transition(id, "votes", new { vote = "Abstain", comment = "" }, board[1]));
        var deciding = await Transition(id, "votes", new { vote = "Approve", comment = "Đồng ý." }, board[2]);
        (await deciding.Read<VoteResult>()).Outcome.ShouldBe("Approved");

        var approved = (await View(id)).Application;
        approved.Status.ShouldBe(ApplicationStatus.Approved);
        approved.Decision!.Terms!.Amount.ShouldBe(1_500_000_000);
        approved.Decision.DecidedBy.ShouldBe(Decider.Board);
        approved.Decision.DecisionNumber.ShouldBe("1/QĐ-QHTX");
        approved.History.Select(h => h.Action).ShouldBe(
            ["drafted", "submitted", "returned", "resubmitted", "appraised", "voted", "voted", "voted", "approved"]);
        approved.History.Last().Description.ShouldContain("1.500.000.000 ₫");

        var applicantView = (await View(id, Coop)).Application;
        applicantView.Decision!.Terms!.Amount.ShouldBe(1_500_000_000);
        applicantView.Appraisal.ShouldBeNull();
        applicantView.Votes.ShouldBeEmpty();
        applicantView.Decision.LimitChecks.ShouldBeEmpty();
        applicantView.History.Select(h => h.Action).ShouldBe(["drafted", "submitted", "returned", "resubmitted", "appraised", "approved"]);
        applicantView.History.Where(h => h.Action != "drafted" && h.Action != "submitted" && h.Action != "resubmitted")
            .ShouldAllBe(h => h.UserName == "");

        var letter = await Get($"/api/applications/{id}/decision-letter", Coop);
        letter.Context.Response.StatusCode.ShouldBe(200);
        letter.Context.Response.ContentType.ShouldBe("application/pdf");
        var text = await PdfText(letter);
        text.ShouldContain("Hợp tác xã Nông nghiệp Cà phê Ea Tu");
        text.ShouldContain("1.500.000.000");
        text.ShouldContain("Một tỷ năm trăm triệu đồng");
        text.ShouldContain("1/QĐ-QHTX");
        text.ShouldContain("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
        text.ShouldContain("Đắk Lắk, ngày 22 tháng 11 năm 2026");
        foreach (var row in approved.Decision.Terms is null ? [] : (await View(id)).Application.Appraisal!.SchedulePreview)
            text.ShouldContain(row.DueDate.ToString("dd/MM/yyyy", null));
    }

    [Fact]
    public async Task the_director_decides_alone_below_the_threshold_and_may_lower_the_amount()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 450_000_000);

        await Ok(Transition(id, "decision", new
        {
            approve = true, note = "Giảm số tiền theo khả năng trả nợ.",
            terms = new { amount = 400_000_000, annualRatePercent = 5.5m, termMonths = 24, method = "Annuity", frequency = "Monthly", graceMonths = 0 },
        }, await TokenFor(Roles.Director)));

        var decided = (await View(id)).Application;
        decided.Decision!.DecidedBy.ShouldBe(Decider.Director);
        decided.Decision.Terms!.Amount.ShouldBe(400_000_000);
        decided.Decision.Terms.Method.ShouldBe(HtxFund.Lending.RepaymentMethod.Annuity);
    }

    [Fact]
    public async Task decisions_are_numbered_from_one_again_in_a_new_year_without_colliding_with_last_years()
    {
        async Task<string> DirectorApproves()
        {
            var id = await Appraised(requested: 300_000_000, proposed: 300_000_000);
            await Ok(Transition(id, "decision", new { approve = true, note = "Đồng ý cho vay." }, await TokenFor(Roles.Director)));
            return (await View(id)).Application.Decision!.DecisionNumber;
        }

        (await DirectorApproves()).ShouldBe("1/QĐ-QHTX");
        (await DirectorApproves()).ShouldBe("2/QĐ-QHTX");
        AdvanceDays(43); // Monday 04/01/2027
        await CooperativeSignsInAgain();
        (await DirectorApproves()).ShouldBe("1/QĐ-QHTX");
        (await DirectorApproves()).ShouldBe("2/QĐ-QHTX");
    }

    [Fact]
    public async Task a_rejection_carries_reasons_the_applicant_sees_in_the_letter()
    {
        var id = await Appraised(requested: 300_000_000, proposed: 300_000_000, recommendation: "Reject");

        await Ok(Transition(id, "decision", new { approve = false, reasons = new[] { "Phương án kinh doanh chưa chứng minh được nguồn trả nợ." } },
            await TokenFor(Roles.Director)));

        var view = (await View(id, Coop)).Application;
        view.Status.ShouldBe(ApplicationStatus.Rejected);
        view.Decision!.Reasons.ShouldBe(["Phương án kinh doanh chưa chứng minh được nguồn trả nợ."]);
        view.Decision.DecisionNumber.ShouldBe("1/TB-QHTX");
        var text = await PdfText(await Get($"/api/applications/{id}/decision-letter", Coop));
        text.ShouldContain("chưa chứng minh được nguồn trả nợ");
    }

    [Fact]
    public async Task a_director_cannot_decide_an_amount_the_matrix_gives_to_the_board()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var before = await EventCount();
        await (await Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director))).ShouldBeRefusal(403, "decision.outside_tier");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_single_borrower_limit_is_checked_at_appraisal()
    {
        var id = await Submitted(Request(amount: 3_500_000_000, investment: 5_000_000_000, equity: 1_500_000_000));
        var before = await EventCount();

        var result = await Transition(id, "appraisal", Appraisal(3_500_000_000), await TokenFor(Roles.CreditOfficer));

        await result.ShouldBeRefusal(422, "application.limits_exceeded");
        (await result.ReadAsTextAsync()).ShouldContain("3.000.000.000 ₫");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_group_limit_counts_related_borrowers_loans()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        // A related cooperative already holds an approved 2.8 bn loan; the borrower asks 2.5 bn: each alone < 3 bn,
        // together 5.3 bn > 5 bn (25 % of 20 bn).
        var related = await RegisteredCooperative(staff, CooperativeScenarios.ValidRegistration(NewTaxCode(), "HTX Dịch vụ nông nghiệp Krông Pắc"));
        var relatedUser = await TokenForUser(await CreateCooperativeUser(related));
        var relatedApp = await Draft(Request(amount: 2_800_000_000, investment: 4_000_000_000, equity: 1_200_000_000), token: relatedUser);
        await Ok(Transition(relatedApp, "submit", new { }, relatedUser));
        await Ok(Transition(relatedApp, "appraisal", Appraisal(2_800_000_000), staff));
        var board = await BoardMembers(3);
        foreach (var member in board) await Ok(Transition(relatedApp, "votes", new { vote = "Approve", comment = "" }, member));
        await Ok(Post("/api/borrowers/related-links", new
        {
            a = new { cooperativeId = CooperativeId }, b = new { cooperativeId = related }, kind = "SameLegalRepresentative", note = "Cùng người đại diện",
        }, staff));

        var id = await Submitted(Request(amount: 2_500_000_000, investment: 4_000_000_000, equity: 1_500_000_000));
        var result = await Transition(id, "appraisal", Appraisal(2_500_000_000), staff);

        await result.ShouldBeRefusal(422, "application.limits_exceeded");
        var checks = (await result.ReadJson()).GetProperty("limitChecks").EnumerateArray().ToArray();
        checks.Single(c => c.GetProperty("kind").GetString() == "SingleBorrower").GetProperty("passed").GetBoolean().ShouldBeTrue();
        checks.Single(c => c.GetProperty("kind").GetString() == "RelatedGroup").GetProperty("passed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task a_decision_is_refused_when_capital_fell_after_the_appraisal()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 450_000_000);
        await WithdrawCapital(17_500_000_000); // 2.5 bn left: 15 % = 375,000,000 < 450,000,000
        var before = await EventCount();

        var result = await Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director));

        await result.ShouldBeRefusal(422, "application.limits_exceeded");
        (await EventCount()).ShouldBe(before);
        (await View(id)).Application.Status.ShouldBe(ApplicationStatus.Appraised);
    }

    [Fact]
    public async Task the_deciding_board_vote_is_refused_when_capital_fell_after_the_appraisal()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(3);
        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[0]));
        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[1]));
        await WithdrawCapital(10_000_000_000); // 10 bn left: 15 % = 1.5 bn < 2 bn
        var before = await EventCount();

        await (await Transition(id, "votes", new { vote = "Approve", comment = "" }, board[2])).ShouldBeRefusal(422, "application.limits_exceeded");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task whoever_appraised_cannot_vote_or_decide()
    {
        var both = await TokenForUser(await CreateStaffUser("daklak.officer.board", [Roles.CreditOfficer, Roles.BoardMember, Roles.Director]));
        var big = await Submitted(Request(amount: 2_000_000_000));
        await Ok(Transition(big, "appraisal", Appraisal(2_000_000_000), both));
        var before = await EventCount();

        await (await Transition(big, "votes", new { vote = "Approve", comment = "" }, both)).ShouldBeRefusal(403, "four_eyes.appraiser_cannot_decide");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_appraiser_cannot_take_the_directors_decision_either()
    {
        var both = await TokenForUser(await CreateStaffUser("daklak.officer.director", [Roles.CreditOfficer, Roles.Director]));
        var id = await Submitted(Request(amount: 400_000_000, investment: 600_000_000, equity: 200_000_000));
        await Ok(Transition(id, "appraisal", Appraisal(400_000_000), both));

        await (await Transition(id, "decision", new { approve = true }, both)).ShouldBeRefusal(403, "four_eyes.appraiser_cannot_decide");
    }

    [Fact]
    public async Task a_board_member_votes_once_and_only_board_members_vote()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(1);
        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[0]));
        await (await Transition(id, "votes", new { vote = "Reject", comment = "Đổi ý" }, board[0])).ShouldBeRefusal(409, "vote.already_cast");
        (await Transition(id, "votes", new { vote = "Approve", comment = "" }, await TokenFor(Roles.Director))).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task the_board_rejects_when_approvals_do_not_carry_and_the_reasons_are_the_rejecting_comments()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(3);
        await Ok(Transition(id, "votes", new { vote = "Reject", comment = "Tài sản bảo đảm chưa đủ." }, board[0]));
        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[1]));
        await Ok(Transition(id, "votes", new { vote = "Reject", comment = "Dòng tiền yếu." }, board[2]));

        var view = (await View(id, Coop)).Application;
        view.Status.ShouldBe(ApplicationStatus.Rejected);
        view.Decision!.Reasons.ShouldBe(["Tài sản bảo đảm chưa đủ.", "Dòng tiền yếu."], ignoreOrder: true);
    }

    [Fact]
    public async Task an_approval_above_the_requested_amount_is_refused()
    {
        var id = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        await (await Transition(id, "decision", new
        {
            approve = true, terms = new { amount = 350_000_000, annualRatePercent = 6m, termMonths = 24, method = "EqualPrincipal", frequency = "Monthly" },
        }, await TokenFor(Roles.Director))).ShouldBeRefusal(422, "decision.amount_above_request");
    }

    [Fact]
    public async Task a_long_schedule_in_the_letter_lists_every_row_across_pages()
    {
        var id = await Submitted(Request(amount: 450_000_000, investment: 700_000_000, equity: 250_000_000).With("termMonths", 60));
        await Ok(Transition(id, "appraisal", new
        {
            documentsVerified = true, financialAnalysis = "Khả năng trả nợ tốt.", riskRating = "Low",
            proposal = new { amount = 450_000_000, annualRatePercent = 6m, termMonths = 60, method = "EqualPrincipal", frequency = "Monthly", startDate = "2026-12-01" },
            recommendation = "Approve",
        }, await TokenFor(Roles.CreditOfficer)));
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));

        var text = await PdfText(await Get($"/api/applications/{id}/decision-letter", await TokenFor(Roles.Accountant)));
        var rows = (await View(id)).Application.Decision!;
        text.Split('\f').Count(page => page.Contains("Ngày đến hạn")).ShouldBeGreaterThan(1);
        var schedule = (await View(id)).Application.Appraisal!.SchedulePreview;
        schedule.Count.ShouldBe(60);
        foreach (var row in schedule) text.ShouldContain(row.DueDate.ToString("dd/MM/yyyy", null));
        text.ShouldContain("Bốn trăm năm mươi triệu đồng");
        rows.Terms!.Amount.ShouldBe(450_000_000);
    }
}
