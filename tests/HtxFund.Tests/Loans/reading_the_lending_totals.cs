using HtxFund.Identity;
using HtxFund.Loans.Totals;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;

namespace HtxFund.Tests.Loans;

/// <summary>GET /api/loans/totals: the fund's running totals, kept by the asynchronous LendingTotals projection.</summary>
public sealed class reading_the_lending_totals(AppFixture fixture) : LoanContext(fixture)
{
    [Fact]
    public async Task the_totals_count_each_funds_contracts_disbursements_and_repayments_once_the_projection_has_caught_up()
    {
        var first = await SignedLoan(400_000_000, number: "01/2026/HĐTD");
        await Disbursed(first, 150_000_000);
        await Disbursed(first, 250_000_000);
        await SignedLoan(300_000_000, number: "02/2026/HĐTD", coopToken: await AnotherCooperative());
        await Repaid(first, 10_000_000, Today);

        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));

        var totals = await (await Get("/api/loans/totals", await TokenFor(Roles.ChiefAccountant))).Read<LendingTotals>();
        totals.LoansContracted.ShouldBe(2);
        totals.AmountContracted.ShouldBe(700_000_000);
        totals.TranchesDisbursed.ShouldBe(2);
        totals.AmountDisbursed.ShouldBe(400_000_000);
        totals.RepaymentsRecorded.ShouldBe(1);
        totals.LastSequence.ShouldBeGreaterThan(0);

        var other = await (await Get("/api/loans/totals", await TokenFor(Roles.ChiefAccountant, FundB))).Read<LendingTotals>();
        other.ShouldBe(new LendingTotals(), "another fund's totals are its own (nothing yet)");
    }
}
