using System.Text;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans;
using HtxFund.Loans.Listing;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Loans;

public sealed class reading_the_loan_portfolio(AppFixture fixture) : LoanContext(fixture)
{
    private async Task<PagedResult<LoanSummary>> List(string query, string? token = null)
    {
        var result = await Get($"/api/loans{query}", token ?? await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<PagedResult<LoanSummary>>();
    }

    [Fact]
    public async Task the_portfolio_is_filtered_sorted_paged_and_exported_with_the_same_numbers()
    {
        var otherCoop = await AnotherCooperative();
        var late = await SignedLoan(400_000_000, "41/2026/HĐTD");
        await Disbursed(late, 400_000_000);
        var onTime = await SignedLoan(200_000_000, "42/2026/HĐTD", coopToken: otherCoop);
        await Disbursed(onTime, 200_000_000);
        var approvedOnly = await Approved(100_000_000);
        var rows = (await Loan(onTime)).Contract!.Schedule;

        // the first due date (22/12/2026) passes; only the second loan pays its interest
        AdvanceTo(rows[0].DueDate);
        var due = await Position(onTime);
        await Ok(Repay(onTime, due.AmountDue, rows[0].DueDate.ToString("yyyy-MM-dd", null)));
        AdvanceTo(rows[0].DueDate.PlusDays(12));

        var all = await List("");
        all.TotalCount.ShouldBe(3);
        all.Items.Select(i => i.ContractNumber).ShouldBe([null, "41/2026/HĐTD", "42/2026/HĐTD"]);
        var lateRow = all.Items.Single(i => i.Id == late);
        lateRow.DaysPastDue.ShouldBe(12);
        lateRow.DebtGroup.ShouldBe(2);
        lateRow.InterestOverdue.ShouldBe(1_972_603); // 400,000,000 ₫ × 30 days × 6 %/365 = 1,972,602.74
        lateRow.Penalties.ShouldBeGreaterThan(0);
        all.Items.Single(i => i.Id == approvedOnly).DebtGroup.ShouldBeNull();

        (await List("?group=2")).Items.Select(i => i.Id).ShouldBe([late]);
        (await List("?status=Contracted&sort=-outstanding")).Items.Select(i => i.Id).ShouldBe([late, onTime]);
        (await List("?minOutstanding=300000000")).Items.Select(i => i.Id).ShouldBe([late]);
        (await List("?province=Lâm Đồng")).TotalCount.ShouldBe(0);
        var page2 = await List("?sort=-dpd&pageSize=1&page=2");
        page2.TotalCount.ShouldBe(3);
        page2.PageCount.ShouldBe(3);
        page2.Items.Single().Id.ShouldNotBe(late);
        // as of a past date nothing was late yet
        (await List("?asOf=2026-12-01")).Items.Single(i => i.Id == late).DaysPastDue.ShouldBe(0);
        await (await Get("/api/loans?group=7&sort=size", await TokenFor(Roles.Director))).ShouldBeRefusal(400, "group.out_of_range");

        // a cooperative lists its own loans only
        var own = await List("", await TokenForUser($"{FundA}.coop.{CooperativeId:N}"[..40]));
        own.Items.Select(i => i.Id).ShouldBe([approvedOnly, late], ignoreOrder: true);
        (await Get("/api/loans/export.csv", await TokenForUser($"{FundA}.coop.{CooperativeId:N}"[..40]))).Context.Response.StatusCode.ShouldBe(403);
        (await List("", await TokenFor(Roles.Accountant, FundB))).TotalCount.ShouldBe(0);

        // the export: UTF-8 with BOM, semicolons, Vietnamese headers, the same numbers as the JSON
        var export = await Get("/api/loans/export.csv?status=Contracted", await TokenFor(Roles.ChiefAccountant));
        export.Context.Response.StatusCode.ShouldBe(200);
        export.Context.Response.ContentType!.ShouldStartWith("text/csv");
        var stream = new MemoryStream();
        await export.Context.Response.Body.CopyToAsync(stream);
        var bytes = stream.ToArray();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        header[0].ShouldBe("Số hợp đồng");
        header.ShouldContain("Dư nợ gốc");
        lines.Length.ShouldBe(3);
        var csvLate = lines.Select(l => l.Split(';')).Single(c => c[0] == "41/2026/HĐTD");
        long Col(string name) => long.Parse(csvLate[Array.IndexOf(header, name)]);
        Col("Dư nợ gốc").ShouldBe(lateRow.PrincipalOutstanding);
        Col("Lãi quá hạn").ShouldBe(lateRow.InterestOverdue);
        Col("Lãi phạt").ShouldBe(lateRow.Penalties);
        Col("Số ngày quá hạn").ShouldBe(12);
        Col("Nhóm nợ").ShouldBe(2);
    }
}
