using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Waiving;
using HtxFund.Policy;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Loans.Waiving;

/// <summary>
/// A 400,000,000 ₫ loan at 6 %/year, 36 months with 6 months' principal grace, paid out on 22/11/2026; its first
/// instalment (interest only, 22/12/2026) is not paid. On 01/01/2027, 10 days late (option (a)):
///   interest of instalment 1:      400,000,000 × 30 × 6 / 36,500 = 1,972,602.7 → 1,972,603 ₫ (overdue)
///   interest on late interest:       1,972,603 × 10 × 10 / 36,500 =     5,404.4 →     5,404 ₫
///   interest accrued since 22/12:  400,000,000 × 10 × 6 / 36,500 =   657,534.2 →   657,534 ₫
///   interest owed: 1,972,603 + 5,404 + 657,534 = 2,635,541 ₫; payoff 402,635,541 ₫; 10 days late: group 2.
/// </summary>
public sealed class waiving_interest(AppFixture fixture) : LoanContext(fixture)
{
    private static readonly LocalDate NewYear = new(2027, 1, 1);

    private static async Task<string> PdfText(Alba.IScenarioResult download)
    {
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        return PdfTools.Text(bytes.ToArray());
    }
    private const long InterestOwed = 2_635_541;

    private async Task<Guid> LateLoan(string number)
    {
        var id = await SignedLoan(400_000_000, number);
        await Disbursed(id, 400_000_000);
        (await Loan(id)).Contract!.Schedule[0].DueDate.ShouldBe(new LocalDate(2026, 12, 22));
        AdvanceTo(NewYear);
        await CooperativeSignsInAgain();
        return id;
    }

    private static object Waiver(long amount, string ground = "BorrowerCannotPay", string date = "2027-01-01") =>
        new { date, amount, ground, reason = "Hợp tác xã mất mùa do hạn hán, không có khả năng trả lãi (Nghị định 45/2021, Điều 25)." };

    private async Task<Guid> Requested(Guid id, object waiver, string? token = null)
    {
        var result = await LoanPost(id, "interest-waivers", waiver, token ?? await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<InterestWaiverReceipt>()).WaiverId;
    }

    [Fact]
    public async Task an_approved_waiver_forgives_penalty_interest_first_puts_the_loan_in_group_3_and_issues_its_letter()
    {
        var id = await LateLoan("31/2026/HĐTD");
        var before = await Position(id);
        (before.InterestOverdue, before.InterestOnLateInterest, before.InterestAccrued, before.DebtGroup).ShouldBe((1_972_603L, 5_404L, 657_534L, 2));

        var waiver = await Requested(id, Waiver(1_000_000));
        (await Position(id)).ShouldBeEquivalentTo(before); // nothing changes before the approval
        await Ok(Tracked(async () => await Post($"/api/loans/{id}/interest-waivers/{waiver}/approval", new { }, await TokenFor(Roles.RiskCouncil))));

        // 1,000,000 ₫: the 5,404 ₫ on late interest, then 994,596 ₫ of the overdue 1,972,603 ₫ (978,007 ₫ left).
        var after = await Position(id);
        after.InterestOnLateInterest.ShouldBe(0);
        after.InterestOverdue.ShouldBe(978_007);
        after.InterestAccrued.ShouldBe(657_534);
        after.PrincipalOutstanding.ShouldBe(400_000_000);
        after.Payoff.ShouldBe(401_635_541);
        after.InterestWaived.ShouldBe(1_000_000);
        after.DebtGroup.ShouldBe(3); // waived because the borrower cannot pay: at least group 3 (Circular 14/2024)
        after.Statement.ShouldContain(l => l.Kind == "InterestWaiver" && l.Amount == 1_000_000);

        var loan = await Loan(id);
        loan.Waivers.Single().State.ShouldBe(WaiverState.Approved);
        loan.Waivers.Single().LetterNumber.ShouldBe("1/QĐ-CCN");
        var letter = await Get($"/api/loans/{id}/decision-letters/{waiver}", Coop);
        letter.Context.Response.StatusCode.ShouldBe(200, await letter.ReadAsTextAsync());
        letter.Context.Response.ContentType.ShouldBe("application/pdf");
        var text = await PdfText(letter);
        text.ShouldContain("Về việc miễn, giảm lãi tiền vay");
        text.ShouldContain("1/QĐ-CCN");
        text.ShouldContain("31/2026/HĐTD");
        text.ShouldContain("1.000.000");
        text.ShouldContain("Một triệu đồng");
        text.ShouldContain("khách hàng không có khả năng trả lãi");
        text.ShouldContain("1.972.603");
        text.ShouldContain("978.007");
        text.ShouldContain("402.635.541");
        text.ShouldContain("401.635.541");
        text.ShouldContain("TM. HỘI ĐỒNG XỬ LÝ RỦI RO");
    }

    [Fact]
    public async Task refused_requests_and_decisions_append_nothing()
    {
        var notPaidOut = await SignedLoan(400_000_000, "32/2026/HĐTD");
        var id = await LateLoan("33/2026/HĐTD");
        var officer = await TokenFor(Roles.CreditOfficer);
        var events = await EventCount();

        await (await LoanPost(id, "interest-waivers", Waiver(0), officer)).ShouldBeRefusal(400, "amount.not_positive");
        await (await LoanPost(id, "interest-waivers", Waiver(1_000, ground: "Kindness"), officer)).ShouldBeRefusal(400, "value.unknown");
        await (await LoanPost(id, "interest-waivers", Waiver(1_000, date: "2027-01-02"), officer)).ShouldBeRefusal(400, "date.in_future");
        await (await Post($"/api/loans/{id}/interest-waivers", Waiver(1_000), officer)).ShouldBeRefusal(400, "version.required");
        var above = await LoanPost(id, "interest-waivers", Waiver(InterestOwed + 1), officer);
        await above.ShouldBeRefusal(422, "waiver.above_interest_owed");
        (await above.ReadAsTextAsync()).ShouldContain("2.635.541 ₫");
        await (await LoanPost(notPaidOut, "interest-waivers", Waiver(1_000), officer)).ShouldBeRefusal(422, "waiver.nothing_disbursed");
        await (await LoanPost(id, "interest-waivers", Waiver(1_000), await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(403, "forbidden");
        (await EventCount()).ShouldBe(events);

        // all the interest owed may be waived, and one request is pending at a time
        var both = await TokenForUser(await CreateStaffUser("daklak.officer_and_council2", [Roles.CreditOfficer, Roles.RiskCouncil]));
        var waiver = await Requested(id, Waiver(InterestOwed), both);
        events = await EventCount();
        await (await LoanPost(id, "interest-waivers", Waiver(1_000), officer)).ShouldBeRefusal(409, "waiver.pending");
        var approval = $"/api/loans/{id}/interest-waivers/{waiver}/approval";
        await (await Post(approval, new { }, both)).ShouldBeRefusal(403, "four_eyes.requester_cannot_approve");
        await (await Post(approval, new { }, officer)).ShouldBeRefusal(403, "forbidden");
        await (await Post($"/api/loans/{id}/interest-waivers/{Guid.NewGuid()}/approval", new { }, await TokenFor(Roles.RiskCouncil)))
            .ShouldBeRefusal(404, "waiver.not_found");
        var rejection = $"/api/loans/{id}/interest-waivers/{waiver}/rejection";
        await (await Post(rejection, new { reason = "" }, await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(400, "reason.required");
        (await EventCount()).ShouldBe(events);

        await Ok(Post(rejection, new { reason = "Chưa chứng minh được nguyên nhân khách quan." }, await TokenFor(Roles.RiskCouncil)));
        await (await Post(approval, new { }, await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(409, "waiver.not_pending");
        var loan = await Loan(id);
        loan.Waivers.Single().State.ShouldBe(WaiverState.Rejected);
        loan.Waivers.Single().RejectionReason.ShouldBe("Chưa chứng minh được nguyên nhân khách quan.");
        (await Position(id)).InterestWaived.ShouldBe(0);
        (await Get($"/api/loans/{id}/decision-letters/{waiver}", Coop)).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task an_earlier_waiver_that_would_shrink_an_approved_later_one_is_refused()
    {
        // All 2,635,541 ₫ owed on 01/01/2027 is forgiven; a waiver dated 25/12/2026 would lower what the first one can
        // forgive on its date, so it is refused although 1,000,000 ₫ was owed on 25/12.
        var id = await LateLoan("35/2026/HĐTD");
        var all = await Requested(id, Waiver(InterestOwed));
        await Ok(Tracked(async () => await Post($"/api/loans/{id}/interest-waivers/{all}/approval", new { }, await TokenFor(Roles.RiskCouncil))));
        (await Position(id)).Payoff.ShouldBe(400_000_000);

        var events = await EventCount();
        await (await LoanPost(id, "interest-waivers", Waiver(1_000_000, date: "2026-12-25"), await TokenFor(Roles.CreditOfficer)))
            .ShouldBeRefusal(422, "waiver.conflicts_with_later_waiver");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task who_may_approve_follows_the_amount_tiers_of_the_fund_policy()
    {
        var id = await LateLoan("34/2026/HĐTD");
        var admin = await TokenFor(Roles.Admin);
        var tiers = new RiskApprovalTier[] { new(Money.Of(100_000), RiskDecider.RiskCouncil), new(Money.Of(1_000_000), RiskDecider.Director), new(null, RiskDecider.Chairman) };
        var adopt = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new
            {
                settings = FundPolicySettings.Default with { RiskApprovals = new RiskApprovalSettings(RiskApprovalSettings.DefaultTiers, tiers) },
                reason = "Thẩm quyền miễn, giảm lãi theo điều lệ", expectedVersion = 1,
            }).ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        adopt.Context.Response.StatusCode.ShouldBe(200, await adopt.ReadAsTextAsync());

        var small = await Requested(id, Waiver(500_000, ground: "OtherPolicyGround"));
        var events = await EventCount();
        var refused = await Post($"/api/loans/{id}/interest-waivers/{small}/approval", new { }, await TokenFor(Roles.RiskCouncil));
        await refused.ShouldBeRefusal(403, "approval.tier_exceeded");
        (await refused.ReadAsTextAsync()).ShouldContain("Giám đốc");
        await (await Post($"/api/loans/{id}/interest-waivers/{small}/rejection", new { reason = "Không đồng ý." }, await TokenFor(Roles.RiskCouncil)))
            .ShouldBeRefusal(403, "approval.tier_exceeded");
        (await EventCount()).ShouldBe(events);
        await Ok(Tracked(async () => await Post($"/api/loans/{id}/interest-waivers/{small}/approval", new { }, await TokenFor(Roles.Director))));
        var after = await Position(id);
        after.InterestWaived.ShouldBe(500_000);
        after.DebtGroup.ShouldBe(2); // another policy ground: the group stays by days past due

        var large = await Requested(id, Waiver(1_500_000));
        await (await Post($"/api/loans/{id}/interest-waivers/{large}/approval", new { }, await TokenFor(Roles.Director))).ShouldBeRefusal(403, "approval.tier_exceeded");
        await Ok(Tracked(async () => await Post($"/api/loans/{id}/interest-waivers/{large}/approval", new { }, await TokenFor(Roles.Chairman))));
        (await Position(id)).InterestWaived.ShouldBe(2_000_000);
        var text = await PdfText(await Get($"/api/loans/{id}/decision-letters/{large}", await TokenFor(Roles.CreditOfficer)));
        text.ShouldContain("CHỦ TỊCH");
        text.ShouldContain("2/QĐ-CCN");
    }

    [Fact]
    public async Task a_policy_with_tiers_out_of_order_is_refused()
    {
        var admin = await TokenFor(Roles.Admin);
        var tiers = new RiskApprovalTier[] { new(Money.Of(10_000_000), RiskDecider.Director), new(null, RiskDecider.RiskCouncil) };
        var events = await EventCount();
        var adopt = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new
            {
                settings = FundPolicySettings.Default with { RiskApprovals = new RiskApprovalSettings(tiers, RiskApprovalSettings.DefaultTiers) },
                reason = "Thử", expectedVersion = 1,
            }).ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        await adopt.ShouldBeRefusal(400, "risk_approvals.restructurings.invalid");
        (await EventCount()).ShouldBe(events);
    }
}
