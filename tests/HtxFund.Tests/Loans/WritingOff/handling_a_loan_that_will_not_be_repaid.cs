using Alba;
using HtxFund.Capital;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.WritingOff;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Loans.WritingOff;

/// <summary>
/// Risk handling end to end (Decree 45/2021 Art 28–29, Decree 86/2024): fund A (20.000.000.000 ₫ of charter capital) lends
/// 400.000.000 ₫ on 22/11/2026 (36 months, 6 %, 6 months' grace) to a borrower who never pays; the first interest fell
/// due on 22/12/2026, so at 30/06/2027 it is 190 days past due: group 5, specific provision 100 % = 400.000.000 ₫ (no
/// general provision on group 5). Hand-computed: cash 20.000.000.000 − 400.000.000 = 19.600.000.000 ₫ throughout, until a
/// recovery brings 150.000.000 ₫ in.
/// </summary>
public sealed class handling_a_loan_that_will_not_be_repaid(AppFixture fixture) : LoanContext(fixture)
{
    private const long Principal = 400_000_000;
    private const long Cash = 19_600_000_000;

    private async Task<Guid> Group5LoanWithProvisionsBooked()
    {
        var id = await SignedLoan(Principal, "7/2026/HĐTD-RR");
        await Disbursed(id, Principal);
        AdvanceTo(new LocalDate(2027, 7, 1));
        var run = await Post("/api/classification-runs", new { month = "2027-06" }, await TokenFor(Roles.ChiefAccountant));
        run.Context.Response.StatusCode.ShouldBe(200, await run.ReadAsTextAsync());
        var june = await run.Read<ClassificationRunView>();
        var loan = june.Loans.ShouldHaveSingleItem();
        (loan.Group, loan.DaysPastDue, loan.ProvisionRequired).ShouldBe((5, 190, Principal));
        return id;
    }

    private async Task<Loan> Snapshot(Guid id)
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.LoadAsync<Loan>(id))!;
    }

    private async Task<long> VersionOf(Guid id) => (await Loan(id)).Version;

    private async Task<Guid> Proposed(Guid id, string step = "UseOfProvisions", string? token = null)
    {
        var result = await Propose(id, step, token ?? await TokenFor(Roles.RiskCouncil));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<RiskProposalReceipt>()).ProposalId;
    }

    private async Task<IScenarioResult> Propose(Guid id, string step, string token) =>
        await LoanPost(id, "risk-handling", new
        {
            step, ground = step == "UseOfProvisions" ? "DebtGroup5" : null,
            reason = "Người vay không trả nợ từ tháng 12/2026, nợ nhóm 5 quá 180 ngày.",
            recoveryActions = "Đã gửi 3 thông báo nợ quá hạn, làm việc trực tiếp ngày 15/05/2027; tài sản bảo đảm đang chờ bán đấu giá.",
        }, token);

    private async Task<IScenarioResult> Decide(Guid id, Guid proposalId, Task<string> token, string? number = "125/LMHTX-TCKT") =>
        await Post($"/api/loans/{id}/risk-handling/{proposalId}/decision", new
        {
            documentNumber = number, documentDate = Iso(Clock.GetCurrentInstant().InUtc().Date), issuingBody = "Liên minh Hợp tác xã tỉnh Đắk Lắk",
        }, await token);

    private async Task<IScenarioResult> Recover(Guid id, long amount, string valueDate, string? reference = null) =>
        await Post($"/api/loans/{id}/recoveries", new { amount, valueDate, source = "CollateralSale", bankReference = reference ?? $"TH{Guid.NewGuid():N}"[..16] },
            await TokenFor(Roles.Accountant));

    private async Task<CapitalAdequacyReport> Report(string asOf)
    {
        var result = await Get($"/api/reports/capital-adequacy?asOf={asOf}", await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalAdequacyReport>();
    }

    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    [Fact]
    public async Task the_chairman_uses_exactly_the_provisions_held_and_the_capital_and_report_reconcile_to_the_dong_before_and_after()
    {
        var id = await Group5LoanWithProvisionsBooked();

        var before = await Capital();
        (before.CashAvailable.Dong, before.OutstandingPrincipal.Dong, before.ProvisionsHeld.Dong, before.PrincipalOffBalance.Dong)
            .ShouldBe((Cash, Principal, Principal, 0L));
        var reportBefore = await Report("2027-07-01");
        reportBefore.Outstanding.ShouldBe(Principal);
        reportBefore.Reconciliation.ShouldSatisfyAllConditions(
            r => r.Assets.ShouldBe(20_000_000_000), r => r.SourcesAndResults.ShouldBe(20_000_000_000), r => r.Difference.ShouldBe(0), r => r.Balanced.ShouldBeTrue());

        var proposal = await Proposed(id);
        await Ok(Tracked(() => Decide(id, proposal, TokenFor(Roles.Chairman))));

        var loan = await Snapshot(id);
        (loan.OffBalanceSince, loan.PrincipalOffBalance, loan.ProvisionsUsed, loan.ChargedToExpense)
            .ShouldBe((new LocalDate(2027, 7, 1), Principal, Principal, 0L));
        var after = await Capital();
        (after.CashAvailable.Dong, after.OutstandingPrincipal.Dong, after.ProvisionsBooked.Dong, after.ProvisionsUsed.Dong, after.ProvisionsHeld.Dong,
            after.PrincipalOffBalance.Dong).ShouldBe((Cash, 0L, Principal, Principal, 0L, Principal));
        after.Ledger.Where(l => l.Kind is CapitalEntryKind.ProvisionUse or CapitalEntryKind.PrincipalOffBalance).Select(l => (l.Kind, l.Amount.Dong))
            .ShouldBe([(CapitalEntryKind.ProvisionUse, -Principal), (CapitalEntryKind.PrincipalOffBalance, -Principal)], ignoreOrder: true);

        var report = await Report("2027-07-01");
        (report.Outstanding, report.OffBalancePrincipal, report.OffBalanceLoans, report.ProvisionsUsed, report.ProvisionsHeld, report.Loans)
            .ShouldBe((0L, Principal, 1, Principal, 0L, 0));
        report.Reconciliation.ShouldSatisfyAllConditions(
            r => r.Assets.ShouldBe(Cash), r => r.PrincipalOffBalance.ShouldBe(Principal), r => r.SourcesAndResults.ShouldBe(Cash),
            r => r.Difference.ShouldBe(0), r => r.Balanced.ShouldBeTrue());

        // the next month's classification provides nothing for the loan off the balance sheet, and books no change
        AdvanceTo(new LocalDate(2027, 8, 3));
        var july = await Post("/api/classification-runs", new { month = "2027-07" }, await TokenFor(Roles.ChiefAccountant));
        var run = await july.Read<ClassificationRunView>();
        (run.Loans.ShouldHaveSingleItem().PrincipalOutstanding, run.ProvisionRequired, run.ProvisionChange).ShouldBe((0L, 0L, (long?)0));
        (await Capital()).ProvisionsHeld.Dong.ShouldBe(0);
    }

    [Fact]
    public async Task every_refusal_of_a_proposal_or_a_decision_appends_nothing()
    {
        var id = await Group5LoanWithProvisionsBooked();
        await CreateStaffUser("daklak.risk-chair", [Roles.RiskCouncil, Roles.Chairman]);
        var proposal = await Proposed(id, token: await TokenForUser("daklak.risk-chair"));
        var version = await VersionOf(id);

        await (await Propose(id, "UseOfProvisions", await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(409, "risk.proposal_pending");
        await (await Decide(id, proposal, TokenFor(Roles.Director))).ShouldBeRefusal(403, "risk.decider_role");
        (await Decide(id, proposal, TokenFor(Roles.RiskCouncil))).Context.Response.StatusCode.ShouldBe(403);
        await (await Decide(id, proposal, TokenForUser("daklak.risk-chair"))).ShouldBeRefusal(403, "four_eyes.proposer_cannot_decide");
        await (await Decide(id, proposal, TokenFor(Roles.Chairman), number: null)).ShouldBeRefusal(400, "document_number.required");
        await (await Decide(id, Guid.NewGuid(), TokenFor(Roles.Chairman))).ShouldBeRefusal(404, "risk.proposal_not_found");
        (await VersionOf(id)).ShouldBe(version);

        await Ok(Tracked(() => Decide(id, proposal, TokenFor(Roles.Chairman))));
        version = await VersionOf(id);
        await (await Decide(id, proposal, TokenFor(Roles.Chairman))).ShouldBeRefusal(409, "risk.proposal_not_pending");
        await (await Propose(id, "UseOfProvisions", await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(409, "risk.already_handled");
        // the repayment path is closed: money on a loan off the balance sheet is a recovery
        await (await Repay(id, 10_000_000, "2027-07-01")).ShouldBeRefusal(409, "repayment.loan_off_balance");
        (await VersionOf(id)).ShouldBe(version);
    }

    [Fact]
    public async Task a_loan_not_in_group_5_is_not_eligible_on_that_ground()
    {
        var id = await SignedLoan(Principal, "8/2026/HĐTD-RR");
        await Disbursed(id, Principal);
        AdvanceTo(new LocalDate(2027, 4, 1)); // 31/03/2027: 99 days past due, group 4
        await Ok(Post("/api/classification-runs", new { month = "2027-03" }, await TokenFor(Roles.ChiefAccountant)));
        var version = await VersionOf(id);

        await (await Propose(id, "UseOfProvisions", await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(422, "risk.not_eligible");
        // a cooperative (an organisation) cannot be "deceased"
        await (await LoanPost(id, "risk-handling", new
        {
            step = "UseOfProvisions", ground = "BorrowerDeceasedOrMissing", reason = "x", recoveryActions = "y",
        }, await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(422, "risk.not_eligible");
        (await VersionOf(id)).ShouldBe(version);
    }

    [Fact]
    public async Task the_write_off_from_the_books_is_refused_before_five_years_after_the_provisions_were_used_and_decided_after()
    {
        var id = await Group5LoanWithProvisionsBooked();
        var proposalId = await Proposed(id);
        await Ok(Tracked(() => Decide(id, proposalId, TokenFor(Roles.Chairman))));
        var version = await VersionOf(id);

        var early = await Propose(id, "WriteOffFromBooks", await TokenFor(Roles.RiskCouncil));
        await early.ShouldBeRefusal(422, "risk.write_off_too_early");
        (await early.ReadAsTextAsync()).ShouldContain("01/07/2032");
        AdvanceTo(new LocalDate(2032, 6, 30));
        await (await Propose(id, "WriteOffFromBooks", await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(422, "risk.write_off_too_early");
        (await VersionOf(id)).ShouldBe(version);

        AdvanceTo(new LocalDate(2032, 7, 1));
        var proposal = await Proposed(id, "WriteOffFromBooks");
        await Ok(Tracked(() => Decide(id, proposal, TokenFor(Roles.Chairman))));
        var loan = await Snapshot(id);
        loan.WrittenOffOn.ShouldBe(new LocalDate(2032, 7, 1));
        (await Capital()).ShouldSatisfyAllConditions(c => c.OutstandingPrincipal.Dong.ShouldBe(0), c => c.PrincipalOffBalance.Dong.ShouldBe(Principal));
        await (await Propose(id, "WriteOffFromBooks", await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(409, "risk.already_handled");
    }

    [Fact]
    public async Task a_recovery_is_booked_once_as_income_within_the_principal_and_interest_owed_and_the_report_still_reconciles()
    {
        var id = await Group5LoanWithProvisionsBooked();
        var proposalId = await Proposed(id);
        await Ok(Tracked(() => Decide(id, proposalId, TokenFor(Roles.Chairman))));
        AdvanceTo(new LocalDate(2027, 7, 15));
        var owed = (await Position(id, "2027-07-15")).Payoff; // principal 400.000.000 and the interest the engine values as owed
        owed.ShouldBeGreaterThan(Principal);
        var version = await VersionOf(id);

        await (await Recover(id, owed + 1, "2027-07-15")).ShouldBeRefusal(422, "recovery.above_limit");
        await (await Recover(id, 1_000_000, "2027-07-16")).ShouldBeRefusal(400, "value_date.in_future");
        await (await Recover(id, 1_000_000, "2027-06-30")).ShouldBeRefusal(422, "recovery.before_off_balance");
        (await VersionOf(id)).ShouldBe(version);

        var key = Guid.NewGuid().ToString();
        var body = new { amount = 150_000_000L, valueDate = "2027-07-15", source = "CollateralSale", bankReference = "TH-0715-001" };
        var first = await PostWithKey($"/api/loans/{id}/recoveries", body, await TokenFor(Roles.Accountant), key);
        first.Context.Response.StatusCode.ShouldBe(201, await first.ReadAsTextAsync());
        var events = await EventCount();
        var repeat = await PostWithKey($"/api/loans/{id}/recoveries", body, await TokenFor(Roles.Accountant), key);
        repeat.Context.Response.StatusCode.ShouldBe(201);
        (await repeat.Read<RecoveryReceipt>()).RecoveryId.ShouldBe((await first.Read<RecoveryReceipt>()).RecoveryId);
        await (await Recover(id, 150_000_000, "2027-07-15", "TH-0715-001")).ShouldBeRefusal(409, "repayment.duplicate_reference");
        (await EventCount()).ShouldBe(events);

        // the limit is now what is owed less what came in: one đồng more is refused, exactly it is booked
        await (await Recover(id, owed - 150_000_000 + 1, "2027-07-15")).ShouldBeRefusal(422, "recovery.above_limit");

        var capital = await Capital();
        (capital.CashAvailable.Dong, capital.Recovered.Dong, capital.OutstandingPrincipal.Dong).ShouldBe((Cash + 150_000_000, 150_000_000L, 0L));
        var report = await Report("2027-07-15");
        report.Recovered.ShouldBe(150_000_000);
        report.Reconciliation.ShouldSatisfyAllConditions(
            r => r.Assets.ShouldBe(19_750_000_000), r => r.Recovered.ShouldBe(150_000_000), r => r.SourcesAndResults.ShouldBe(19_750_000_000),
            r => r.Balanced.ShouldBeTrue());
        (await Snapshot(id)).Recovered.ShouldBe(150_000_000);
    }

    [Fact]
    public async Task a_bankrupt_borrowers_group_4_loan_uses_its_specific_provision_and_the_rest_is_a_loss_in_the_activity_report()
    {
        var id = await SignedLoan(Principal, "9/2026/HĐTD-RR");
        await Disbursed(id, Principal);
        AdvanceTo(new LocalDate(2027, 4, 1)); // 31/03/2027: 99 days past due, group 4: 50 % × 400.000.000 + 0,75 % general = 203.000.000
        var march = await (await Post("/api/classification-runs", new { month = "2027-03" }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>();
        (march.Loans.ShouldHaveSingleItem().SpecificProvision, march.ProvisionRequired).ShouldBe((200_000_000L, 203_000_000L));

        var proposal = await LoanPost(id, "risk-handling", new
        {
            step = "UseOfProvisions", ground = "BorrowerDissolvedOrBankrupt", reason = "HTX bị Tòa án tuyên bố phá sản ngày 20/03/2027.",
            recoveryActions = "Đã đăng ký khoản nợ với quản tài viên.",
        }, await TokenFor(Roles.RiskCouncil));
        proposal.Context.Response.StatusCode.ShouldBe(201, await proposal.ReadAsTextAsync());
        var proposalId = (await proposal.Read<RiskProposalReceipt>()).ProposalId;
        await Ok(Tracked(() => Decide(id, proposalId, TokenFor(Roles.Chairman))));

        var loan = await Snapshot(id);
        (loan.PrincipalOffBalance, loan.ProvisionsUsed, loan.ChargedToExpense).ShouldBe((Principal, 200_000_000L, 200_000_000L));
        (await Capital()).ShouldSatisfyAllConditions(c => c.ProvisionsHeld.Dong.ShouldBe(3_000_000), c => c.OutstandingPrincipal.Dong.ShouldBe(0));
        async Task<HtxFund.Reports.Activity.ActivityFigures> H1() =>
            (await (await Get("/api/activity-reports/2027-H1", await TokenFor(Roles.ChiefAccountant))).Read<HtxFund.Reports.Activity.LendingActivityReport>()).Figures;

        // interest income −2.569.248: what 2026 accrued while the loan was in group 1, reversed when it left it in January
        // (400.000.000 × 6 % × 30/365 = 1.972.603 due 22/12, 9 days to 31/12 = 591.781, late interest 10 % on 1.972.603
        // for 9 days = 4.864); − provisions booked 203.000.000 − uncovered loss 200.000.000
        const long reversed = 1_972_603 + 591_781 + 4_864;
        var h1 = await H1();
        (h1.PrincipalOffBalanceInPeriod, h1.ProvisionsUsedInPeriod, h1.UncoveredLossInPeriod, h1.RecoveredInPeriod, h1.Interest.Income, h1.FinancialResult)
            .ShouldBe((Principal, 200_000_000L, 200_000_000L, 0L, -reversed, -reversed - 403_000_000L));

        // April's run releases the general provision left for the loan (−3.000.000): the period's loss is the principal lost
        AdvanceTo(new LocalDate(2027, 5, 4));
        var april = await (await Post("/api/classification-runs", new { month = "2027-04" }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>();
        april.ProvisionChange.ShouldBe(-3_000_000);
        (await H1()).FinancialResult.ShouldBe(-reversed - Principal);

        // a recovery from the sale of the collateral is income of the period
        await Ok(Recover(id, 150_000_000, "2027-05-04"));
        h1 = await H1();
        (h1.RecoveredInPeriod, h1.FinancialResult, h1.PrincipalOffBalanceAtCutOff, h1.OutstandingAtCutOff)
            .ShouldBe((150_000_000L, -reversed - 250_000_000L, Principal, 0L));
        var report = await Report("2027-05-04");
        report.Reconciliation.ShouldSatisfyAllConditions(r => r.Assets.ShouldBe(19_750_000_000), r => r.Balanced.ShouldBeTrue());

        // the fund rating's financial result is the same figure, with the year's risk handling beside it
        var plan = await Host.Scenario(x =>
        {
            x.WithRequestHeader("Authorization", $"Bearer {TokenFor(Roles.ChiefAccountant).Result}");
            x.Put.Json(new
            {
                outstandingPrincipalTarget = 1_000_000_000L, nplRatioPercentMax = 5m, financialResultTarget = 0L,
                approvalReference = "Quyết định 12/QĐ-UBND ngày 15/03/2027", expectedVersion = 0,
            }).ToUrl("/api/annual-plans/2027");
            x.IgnoreStatusCode();
        });
        plan.Context.Response.StatusCode.ShouldBe(200, await plan.ReadAsTextAsync());
        var rating = await (await Get("/api/fund-rating/2027?asOf=2027-05-04", await TokenFor(Roles.ChiefAccountant)))
            .Read<HtxFund.Reports.Rating.FundRatingView>();
        rating.Kpis.Single(k => k.Kpi == HtxFund.Lending.Rating.Kpi.FinancialResult).Actual.ShouldBe(-reversed - 250_000_000m);
        (rating.PrincipalOffBalanceInYear, rating.RecoveredInYear).ShouldBe((Principal, 150_000_000L));
    }

    [Fact]
    public async Task a_month_classified_after_the_provisions_were_used_in_the_next_month_still_provides_for_the_loan_at_its_end()
    {
        var id = await SignedLoan(Principal, "10/2026/HĐTD-RR");
        await Disbursed(id, Principal);
        AdvanceTo(new LocalDate(2027, 7, 1));
        // May (31/05/2027: 160 days past due, group 4): 50 % × 400.000.000 + 0,75 % = 203.000.000 booked
        (await (await Post("/api/classification-runs", new { month = "2027-05" }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>())
            .ProvisionChange.ShouldBe(203_000_000);
        var proposal = await LoanPost(id, "risk-handling", new
        {
            step = "UseOfProvisions", ground = "BorrowerDissolvedOrBankrupt", reason = "HTX giải thể.", recoveryActions = "Đã làm việc với ban thanh lý.",
        }, await TokenFor(Roles.RiskCouncil));
        var proposalId = (await proposal.Read<RiskProposalReceipt>()).ProposalId;
        await Ok(Tracked(() => Decide(id, proposalId, TokenFor(Roles.Chairman)))); // 01/07/2027: 200.000.000 used, 200.000.000 to expense

        // June is classified after that: at 30/06 the loan was still on the balance sheet, group 5, 400.000.000 required;
        // held then 203.000.000 (the use came later): +197.000.000
        var june = await (await Post("/api/classification-runs", new { month = "2027-06" }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>();
        (june.ProvisionRequired, june.ProvisionChange).ShouldBe((Principal, (long?)197_000_000));
        (await Capital("2027-06-30")).ProvisionsHeld.Dong.ShouldBe(Principal);

        // July: nothing required; held 400.000.000 − 200.000.000 used = 200.000.000 released. Provisions 203 + 197 − 200
        // = 200.000.000 and 200.000.000 charged to expense: the principal lost, once
        AdvanceTo(new LocalDate(2027, 8, 3));
        var july = await (await Post("/api/classification-runs", new { month = "2027-07" }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>();
        july.ProvisionChange.ShouldBe(-200_000_000);
        (await Capital()).ShouldSatisfyAllConditions(c => c.ProvisionsHeld.Dong.ShouldBe(0), c => c.ProvisionsBooked.Dong.ShouldBe(200_000_000));
    }

    [Fact]
    public async Task the_decision_is_issued_as_a_pdf_naming_the_loan_the_amounts_and_the_approval()
    {
        var id = await Group5LoanWithProvisionsBooked();
        var proposal = await Proposed(id);
        await Ok(Tracked(() => Decide(id, proposal, TokenFor(Roles.Chairman))));

        var download = await Get($"/api/loans/{id}/risk-handling/{proposal}/letter", await TokenFor(Roles.RiskCouncil));
        download.Context.Response.StatusCode.ShouldBe(200, await download.ReadAsTextAsync());
        var text = await PdfText(download);
        text.ShouldContain("QUYẾT ĐỊNH");
        text.ShouldContain("Về việc sử dụng dự phòng để xử lý rủi ro");
        text.ShouldContain("7/2026/HĐTD-RR");
        text.ShouldContain("400.000.000 ₫");
        text.ShouldContain("Bốn trăm triệu đồng");
        text.ShouldContain("125/LMHTX-TCKT");
        text.ShouldContain("01/07/2027");
        text.ShouldContain("Liên minh Hợp tác xã tỉnh Đắk Lắk");
        text.ShouldContain("Nợ nhóm 5");
    }

    private static async Task<string> PdfText(IScenarioResult download)
    {
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        return PdfTools.Text(bytes.ToArray());
    }
}
