using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Officers;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Loans.Officers;

public sealed class reassigning_a_loan_officer(AppFixture fixture) : OfficerContext(fixture)
{
    [Fact]
    public async Task the_appraiser_becomes_responsible_for_the_loan()
    {
        var id = await Approved();

        var loan = await Loan(id, await TokenFor(Roles.BoardMember));
        loan.OfficerId.ShouldBe(await UserId(Appraiser));
        loan.OfficerName.ShouldBe(Appraiser);
    }

    [Fact]
    public async Task the_director_gives_a_loan_to_another_officer_with_a_reason_kept_in_its_history()
    {
        var id = await Approved();
        var second = await UserId(SecondOfficer);
        var version = await StreamVersion(id);

        var result = await Reassign(id, new { toOfficerId = second, reason = "Cán bộ Nam nghỉ phép dài ngày", version });

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var receipt = await result.Read<OfficerTransferReceipt>();
        receipt.LoanIds.ShouldBe([id]);
        receipt.ToOfficerId.ShouldBe(second);
        (await StreamVersion(id)).ShouldBe(version + 1);
        var loan = await Loan(id, await TokenFor(Roles.Director));
        loan.OfficerId.ShouldBe(second);
        loan.OfficerName.ShouldBe(SecondOfficer);
        var entry = loan.History.Single(h => h.Action == "officer_reassigned");
        entry.Description.ShouldBe($"Giao khoản vay cho cán bộ tín dụng {SecondOfficer} (thay cho {Appraiser}): Cán bộ Nam nghỉ phép dài ngày");
        entry.UserName.ShouldBe(UserName(FundA, Roles.Director));
    }

    [Fact]
    public async Task a_submitted_application_gets_its_officer_before_appraisal_and_keeps_it_when_appraised()
    {
        var id = await Submitted(Request(amount: 400_000_000));
        var second = await UserId(SecondOfficer);

        (await Reassign(id, new { toOfficerId = second, reason = "Hồ sơ thuộc địa bàn cán bộ Hà" })).Context.Response.StatusCode.ShouldBe(200);
        var view = await View(id, await TokenFor(Roles.Director));
        view.Application.Version.ShouldBe(await StreamVersion(id)); // the application's next command is not stale
        view.Application.History.Last().Description.ShouldBe($"Giao hồ sơ cho cán bộ tín dụng {SecondOfficer}: Hồ sơ thuộc địa bàn cán bộ Hà");
        (await View(id, Coop)).Application.History.ShouldNotContain(h => h.Action == "officer_reassigned");
        await Ok(Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)));

        var listed = await (await Get($"/api/applications?status=Appraised&officer={second}", await TokenFor(Roles.Director))).ReadJson();
        listed.GetProperty("items").EnumerateArray().Single().GetProperty("officerName").GetString().ShouldBe(SecondOfficer);
    }

    [Fact]
    public async Task a_reason_is_required_and_bounded()
    {
        var id = await Approved();
        var second = await UserId(SecondOfficer);

        await RefusedAndUnchanged(() => Reassign(id, new { toOfficerId = second, reason = "  " }), 400, "reason.required", id);
        await RefusedAndUnchanged(() => Reassign(id, new { toOfficerId = second, reason = new string('x', 2001) }), 400, "reason.too_long", id);
        await RefusedAndUnchanged(() => Reassign(id, new { reason = "Thiếu người nhận" }), 400, "to_officer.required", id);
    }

    [Fact]
    public async Task the_target_must_be_an_active_credit_officer_of_the_fund()
    {
        var id = await Approved();
        var disabled = await CreateStaffUser("daklak.cbtd-nghi", [Roles.CreditOfficer]);
        var disabledId = await UserId(disabled);
        (await PostWithoutBody($"/api/users/{disabledId}/disable", await TokenFor(Roles.Admin))).Context.Response.StatusCode.ShouldBeOneOf(200, 204);

        foreach (var target in new[]
                 {
                     await UserId(UserName(FundA, Roles.Accountant)), await UserId(UserName(FundB, Roles.CreditOfficer)), disabledId, Guid.NewGuid(),
                 })
        {
            var json = await RefusedAndUnchanged(() => Reassign(id, new { toOfficerId = target, reason = "Điều chuyển công tác" }), 422,
                "officer_transfer.not_a_credit_officer", id);
            json.GetProperty("detail").GetString().ShouldBe("Người nhận phải là cán bộ tín dụng đang làm việc của quỹ.");
        }
    }

    [Fact]
    public async Task the_officer_already_responsible_is_refused()
    {
        var id = await Approved();
        var appraiser = await UserId(Appraiser);
        var json = await RefusedAndUnchanged(() => Reassign(id, new { toOfficerId = appraiser, reason = "Giữ nguyên" }), 409,
            "officer_transfer.already_responsible", id);
        json.GetProperty("detail").GetString().ShouldBe($"Cán bộ {Appraiser} đang phụ trách khoản vay này.");
    }

    [Fact]
    public async Task a_draft_a_closed_loan_and_a_stale_version_are_refused()
    {
        var second = await UserId(SecondOfficer);
        var draft = await Draft(Request(amount: 400_000_000), token: await AnotherCooperative());
        await RefusedAndUnchanged(() => Reassign(draft, new { toOfficerId = second, reason = "Giao sớm" }), 409, "officer_transfer.not_submitted", draft);

        var closed = await SignedLoan(50_000_000);
        await Disbursed(closed, 50_000_000);
        (await Repaid(closed, 50_000_000, Today)).LoanClosed.ShouldBeTrue();
        await RefusedAndUnchanged(() => Reassign(closed, new { toOfficerId = second, reason = "Giao lại" }), 409, "loan.closed", closed);

        var open = await Approved(coopToken: await AnotherCooperative());
        var version = await StreamVersion(open);
        await RefusedAndUnchanged(() => Reassign(open, new { toOfficerId = second, reason = "Giao lại", version = version - 1 }), 409,
            "loan.version_conflict", open);
    }

    [Fact]
    public async Task only_the_director_reassigns_and_only_in_their_own_fund()
    {
        var id = await Approved();
        var second = await UserId(SecondOfficer);
        var body = new { toOfficerId = second, reason = "Điều chuyển" };

        foreach (var role in new[] { Roles.CreditOfficer, Roles.BoardMember, Roles.RiskCouncil, Roles.Accountant, Roles.Chairman })
        {
            var token = await TokenFor(role);
            await ForbiddenAndUnchanged(() => Reassign(id, body, token), id);
        }
        await RefusedAndUnchanged(async () => await Reassign(id, new { toOfficerId = await UserId(UserName(FundB, Roles.CreditOfficer)), reason = "x" },
            await TokenFor(Roles.Director, FundB)), 404, "loan.not_found", id);
        await RefusedAndUnchanged(async () => await Reassign(Guid.NewGuid(), body), 404, "loan.not_found", id);
    }
}
