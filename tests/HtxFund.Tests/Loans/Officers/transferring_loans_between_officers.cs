using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Officers;
using HtxFund.Tests.Support;
using Marten;

namespace HtxFund.Tests.Loans.Officers;

public sealed class transferring_loans_between_officers(AppFixture fixture) : OfficerContext(fixture)
{
    private async Task<Guid[]> ThreeLoans() =>
    [
        await Approved(),
        await Approved(coopToken: await AnotherCooperative()),
        await Approved(coopToken: await AnotherCooperative()),
    ];

    [Fact]
    public async Task the_director_moves_listed_loans_in_one_transfer()
    {
        var loans = await ThreeLoans();
        var second = await UserId(SecondOfficer);

        var result = await Transfer(new { loanIds = new[] { loans[0], loans[2] }, toOfficerId = second, reason = "Cân đối địa bàn" });

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var receipt = await result.Read<OfficerTransferReceipt>();
        receipt.LoanIds.OrderBy(x => x).ShouldBe(new[] { loans[0], loans[2] }.OrderBy(x => x));
        (await Loan(loans[0])).OfficerName.ShouldBe(SecondOfficer);
        (await Loan(loans[1])).OfficerName.ShouldBe(Appraiser);
        (await Loan(loans[2])).OfficerName.ShouldBe(SecondOfficer);
        (await Loan(loans[2])).History.Count(h => h.Action == "officer_reassigned").ShouldBe(1);

        await using var session = Store.QuerySession(FundA);
        var events = await session.Events.QueryRawEventDataOnly<ResponsibleOfficerReassigned>().ToListAsync();
        events.Count.ShouldBe(2);
        events.ShouldAllBe(e => e.TransferId == receipt.TransferId && e.To.UserId == second && e.From!.UserName == Appraiser
            && e.Reason == "Cân đối địa bàn");

        var transfers = await (await Get("/api/loans/officer-transfers", await TokenFor(Roles.BoardMember))).Read<PagedResult<OfficerTransferView>>();
        var transfer = transfers.Items.Single();
        transfer.TransferId.ShouldBe(receipt.TransferId);
        transfer.ToOfficer.ShouldBe(SecondOfficer);
        transfer.By.ShouldBe(UserName(FundA, Roles.Director));
        transfer.Reason.ShouldBe("Cân đối địa bàn");
        transfer.Loans.Select(l => l.LoanId).OrderBy(x => x).ShouldBe(new[] { loans[0], loans[2] }.OrderBy(x => x));
        transfer.Loans.ShouldAllBe(l => l.FromOfficer == Appraiser);
        (await (await Get("/api/loans/officer-transfers", await TokenFor(Roles.Director, FundB))).Read<PagedResult<OfficerTransferView>>())
            .TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task all_open_files_of_a_leaving_officer_move_to_another()
    {
        var loans = await ThreeLoans();
        var closed = await SignedLoan(50_000_000, coopToken: await AnotherCooperative());
        await Disbursed(closed, 50_000_000);
        (await Repaid(closed, 50_000_000, Today)).LoanClosed.ShouldBeTrue();
        var second = await UserId(SecondOfficer);
        var first = await UserId(Appraiser);

        var officers = await (await Get("/api/credit-officers", await TokenFor(Roles.Director))).Read<CreditOfficerView[]>();
        officers.Single(o => o.Id == first).OpenFiles.ShouldBe(3);
        officers.Single(o => o.Id == second).OpenFiles.ShouldBe(0);

        var result = await Transfer(new { fromOfficerId = first, toOfficerId = second, reason = "Cán bộ nghỉ việc" });

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        (await result.Read<OfficerTransferReceipt>()).LoanIds.OrderBy(x => x).ShouldBe(loans.OrderBy(x => x));
        (await Loan(closed)).OfficerName.ShouldBe(Appraiser); // a closed loan stays with its officer
        officers = await (await Get("/api/credit-officers", await TokenFor(Roles.CreditOfficer))).Read<CreditOfficerView[]>();
        officers.Single(o => o.Id == first).OpenFiles.ShouldBe(0);
        officers.Single(o => o.Id == second).OpenFiles.ShouldBe(3);
        officers.ShouldNotContain(o => o.UserName == UserName(FundB, Roles.CreditOfficer));

        await RefusedAndUnchanged(() => Transfer(new { fromOfficerId = first, toOfficerId = second, reason = "Lần nữa" }), 422,
            "officer_transfer.nothing_to_transfer", loans);
    }

    [Fact]
    public async Task one_refused_loan_refuses_the_whole_transfer_and_names_each_failing_loan()
    {
        var loans = await ThreeLoans();
        var second = await UserId(SecondOfficer);
        await Reassign(loans[1], new { toOfficerId = second, reason = "Giao trước" });
        var otherFund = Guid.NewGuid();

        var json = await RefusedAndUnchanged(() => Transfer(new { loanIds = new[] { loans[0], loans[1], loans[2], otherFund }, toOfficerId = second,
            reason = "Cân đối địa bàn" }), 422, "officer_transfer.refused", loans);

        var refusals = json.GetProperty("refusals").EnumerateArray()
            .ToDictionary(r => r.GetProperty("loanId").GetGuid(), r => r.GetProperty("code").GetString());
        refusals.Count.ShouldBe(2);
        refusals[loans[1]].ShouldBe("officer_transfer.already_responsible");
        refusals[otherFund].ShouldBe("loan.not_found");
        (await Loan(loans[0])).OfficerName.ShouldBe(Appraiser);
        (await Loan(loans[2])).OfficerName.ShouldBe(Appraiser);
    }

    [Fact]
    public async Task another_funds_loan_and_officer_are_refused()
    {
        var loans = await ThreeLoans();
        var otherOfficer = await UserId(UserName(FundB, Roles.CreditOfficer));

        await RefusedAndUnchanged(() => Transfer(new { loanIds = loans, toOfficerId = otherOfficer, reason = "Sang quỹ khác" }), 422,
            "officer_transfer.not_a_credit_officer", loans);
        var fundBOfficerAsTarget = await RefusedAndUnchanged(async () => await Transfer(new { loanIds = loans, toOfficerId = otherOfficer, reason = "Quỹ B" },
            await TokenFor(Roles.Director, FundB)), 422, "officer_transfer.refused", loans);
        fundBOfficerAsTarget.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldAllBe(c => c == "loan.not_found");
    }

    [Fact]
    public async Task the_request_shape_is_checked_before_anything_is_read()
    {
        var loans = await ThreeLoans();
        var second = await UserId(SecondOfficer);
        var first = await UserId(Appraiser);

        await RefusedAndUnchanged(() => Transfer(new { loanIds = Array.Empty<Guid>(), toOfficerId = second, reason = "x" }), 400, "loan_ids.required", loans);
        await RefusedAndUnchanged(() => Transfer(new { loanIds = loans, fromOfficerId = first, toOfficerId = second, reason = "x" }), 400,
            "loan_ids.required", loans);
        await RefusedAndUnchanged(() => Transfer(new { loanIds = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray(), toOfficerId = second,
            reason = "x" }), 400, "loan_ids.too_many", loans);
        await RefusedAndUnchanged(() => Transfer(new { loanIds = new[] { loans[0], loans[0] }, toOfficerId = second, reason = "x" }), 400,
            "loan_ids.invalid", loans);
        await RefusedAndUnchanged(() => Transfer(new { fromOfficerId = second, toOfficerId = second, reason = "x" }), 400,
            "from_officer.same_as_target", loans);
        await RefusedAndUnchanged(() => Transfer(new { loanIds = loans, toOfficerId = second, reason = "" }), 400, "reason.required", loans);
    }

    [Fact]
    public async Task only_the_director_transfers_and_a_key_is_required()
    {
        var loans = await ThreeLoans();
        var body = new { loanIds = loans, toOfficerId = await UserId(SecondOfficer), reason = "Điều chuyển" };
        foreach (var role in new[] { Roles.CreditOfficer, Roles.BoardMember, Roles.RiskCouncil, Roles.Chairman })
        {
            var token = await TokenFor(role);
            await ForbiddenAndUnchanged(() => Transfer(body, token), loans);
        }
        var director = await TokenFor(Roles.Director);
        var events = await EventCount();
        var withoutKey = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {director}");
            s.Post.Json(body).ToUrl("/api/loans/officer-transfers");
            s.IgnoreStatusCode();
        });
        withoutKey.Context.Response.StatusCode.ShouldBe(428, await withoutKey.ReadAsTextAsync());
        (await EventCount()).ShouldBe(events);
    }
}
