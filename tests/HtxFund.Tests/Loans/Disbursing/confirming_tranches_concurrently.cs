using System.Diagnostics;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Loans.Disbursing;

public sealed class confirming_tranches_concurrently(AppFixture fixture) : LoanContext(fixture)
{
    private const long Tranche = 90_000_000;

    /// <summary>
    /// Charter capital 3,000,000,000 ₫ (20 bn contributed, 17 bn withdrawn), so the single-borrower limit is
    /// 450,000,000 ₫. Ten borrowers each sign 450,000,000 ₫ and prepare five tranches of 90,000,000 ₫: 50 tranches,
    /// 4.5 bn, of which the cash affords exactly 33 (2.97 bn). All 50 confirmations are fired at once.
    /// </summary>
    [Fact]
    public async Task fifty_simultaneous_confirmations_pay_exactly_the_affordable_tranches_and_never_overdraw()
    {
        await WithdrawCapital(17_000_000_000);
        var loans = new List<Guid> { await SignedLoan(450_000_000) };
        for (var i = 1; i < 10; i++) loans.Add(await SignedLoan(450_000_000, coopToken: await AnotherCooperative()));
        var tranches = new List<(Guid Loan, Guid Tranche)>();
        foreach (var loan in loans)
            for (var i = 0; i < 5; i++) tranches.Add((loan, await Prepared(loan, Tranche)));
        var chief = await TokenFor(Roles.ChiefAccountant);
        var events = await EventCount();

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(tranches.Select(t => Confirm(t.Loan, t.Tranche, chief)));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));

        const int affordable = 33;
        var statuses = results.Select(r => r.Context.Response.StatusCode).ToArray();
        statuses.Count(s => s == 200).ShouldBe(affordable);
        foreach (var refused in results.Where(r => r.Context.Response.StatusCode != 200))
        {
            refused.Context.Response.StatusCode.ShouldBe(422, await refused.ReadAsTextAsync());
            (await refused.ProblemCode()).ShouldBe("disbursement.exceeds_fund_cash");
        }
        (await EventCount()).ShouldBe(events + 2 * affordable); // per confirmation one event on the loan and the scheduling of its inspection (its own stream), nothing mirrored

        // The event log, read raw in its order: the fund's running cash (its capital movements and the loans' disbursements)
        // never goes below zero.
        var running = 0L;
        var lowest = long.MaxValue;
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT type, (data ->> 'amount')::bigint FROM htxfund.mt_events WHERE tenant_id = @t "
                + "AND ((stream_id = @s AND type IN ('charter_capital_contributed', 'charter_capital_withdrawn')) OR type = 'tranche_disbursed') ORDER BY seq_id", conn);
            cmd.Parameters.AddWithValue("s", FundCapital.StreamId);
            cmd.Parameters.AddWithValue("t", FundA);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                running += reader.GetString(0) == "charter_capital_contributed" ? reader.GetInt64(1) : -reader.GetInt64(1);
                lowest = Math.Min(lowest, running);
            }
        }
        lowest.ShouldBeGreaterThanOrEqualTo(0);
        running.ShouldBe(3_000_000_000 - affordable * Tranche);

        // Each loan, read raw: what was disbursed never exceeds what was contracted.
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT stream_id, sum((data ->> 'amount')::bigint) FROM htxfund.mt_events WHERE type = 'tranche_disbursed' AND tenant_id = @t GROUP BY stream_id", conn);
            cmd.Parameters.AddWithValue("t", FundA);
            await using var reader = await cmd.ExecuteReaderAsync();
            var total = 0L;
            while (await reader.ReadAsync())
            {
                reader.GetInt64(1).ShouldBeLessThanOrEqualTo(450_000_000);
                total += reader.GetInt64(1);
            }
            total.ShouldBe(affordable * Tranche);
        }

        var capital = await Capital();
        capital.CashAvailable.Dong.ShouldBe(30_000_000);
        capital.OutstandingPrincipal.Dong.ShouldBe(affordable * Tranche);
        capital.Committed.Dong.ShouldBe(10 * 450_000_000L - affordable * Tranche);
        capital.AvailableToLend.Dong.ShouldBe(0);
        foreach (var loan in loans)
        {
            var details = await Loan(loan);
            details.DisbursedAmount.ShouldBeLessThanOrEqualTo(details.ContractedAmount);
            details.DisbursedAmount.ShouldBe(details.Tranches.Where(t => t.State == HtxFund.Loans.TrancheState.Disbursed).Sum(t => t.Amount));
        }
    }
}
