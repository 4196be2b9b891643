using Alba;
using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Capital;

/// <summary>Only what can take the fund below zero (or lower what the lending limits are checked on) is serialised on the
/// fund's capital lock: a contribution and other capital received are booked while another transaction holds it; a
/// withdrawal, other capital repaid and a retained result wait for it and are decided once it is released.</summary>
public sealed class holding_the_fund_capital_lock(AppFixture fixture) : IntegrationContext(fixture)
{
    private const long Billion = 1_000_000_000;

    /// <summary>How long an inflow may take while the lock is held: far above a booking's time, far below "waits until released".</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    private static object Contribution(long amount) =>
        new { amount, source = "Ngân sách tỉnh", decisionNumber = "12/QĐ-UBND", decisionDate = "2025-01-10", valueDate = "2025-01-15" };

    private static object OtherCapital(long amount, string? reason = null) => new
    {
        kind = "EntrustedCapital", amount, source = "Quỹ hỗ trợ phát triển HTX Việt Nam", decisionNumber = "88/HĐUT",
        decisionDate = "2025-01-10", valueDate = "2025-01-20", reason,
    };

    private static object Withdrawal(long amount) => new
    {
        amount, source = "Ngân sách tỉnh", decisionNumber = "88/QĐ-UBND", decisionDate = "2025-02-01", valueDate = "2025-02-01",
        reason = "Điều chuyển vốn về ngân sách tỉnh",
    };

    private static object RetainedResult(long surplusOrLoss) =>
        new { surplusOrLoss, asOf = "2025-03-31", reference = "Báo cáo tài chính quý I/2025" };

    /// <summary>A transaction of another connection holding the fund's capital lock (pg_advisory_xact_lock on
    /// <see cref="FundCapital.LockKey"/>, the key the capital commands take) until it ends.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> HoldFundLock()
    {
        var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", conn, tx);
        cmd.Parameters.AddWithValue("k", FundCapital.LockKey(FundA));
        await cmd.ExecuteNonQueryAsync();
        return (conn, tx);
    }

    /// <summary>Polls the database until a session waits for the fund's capital lock (never a fixed sleep).</summary>
    private async Task WaitUntilSomeoneWaitsForTheFundLock()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await Waiting.Eventually(async () =>
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = @k", conn);
            cmd.Parameters.AddWithValue("k", FundCapital.LockKey(FundA));
            return (long)(await cmd.ExecuteScalarAsync())! > 0;
        }, "a command waits for the fund's capital lock", TimeSpan.FromSeconds(30));
    }

    private async Task<CapitalPosition> Position(string asOf)
    {
        var result = await Get($"/api/capital?asOf={asOf}", await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalPosition>();
    }

    [Fact]
    public async Task a_contribution_and_other_capital_received_are_booked_while_the_fund_capital_lock_is_held()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var (conn, tx) = await HoldFundLock();
        await using (conn)
        await using (tx)
        {
            var contributed = await Post("/api/capital/contributions", Contribution(10 * Billion), chief).WaitAsync(Bounded);
            contributed.Context.Response.StatusCode.ShouldBe(201, await contributed.ReadAsTextAsync());
            var received = await Post("/api/capital/other-sources", OtherCapital(3 * Billion), chief).WaitAsync(Bounded);
            received.Context.Response.StatusCode.ShouldBe(201, await received.ReadAsTextAsync());
            await tx.RollbackAsync();
        }

        var position = await Position("2025-01-31");
        position.CharterCapital.ShouldBe(Money.Of(10 * Billion));
        position.OtherCapitalSources.ShouldBe(Money.Of(3 * Billion));
        position.CashAvailable.ShouldBe(Money.Of(13 * Billion));
    }

    public static TheoryData<string, object> Outflows() => new()
    {
        { "/api/capital/withdrawals", Withdrawal(Billion) },
        { "/api/capital/other-sources/repayments", OtherCapital(Billion, "Hoàn trả vốn ủy thác đến hạn") },
        { "/api/capital/retained-results", RetainedResult(-Billion) },
    };

    [Theory]
    [MemberData(nameof(Outflows))]
    public async Task an_outflow_waits_for_the_fund_capital_lock_and_is_booked_once_it_is_released(string url, object body)
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        (await Post("/api/capital/contributions", Contribution(10 * Billion), chief)).Context.Response.StatusCode.ShouldBe(201);
        (await Post("/api/capital/other-sources", OtherCapital(3 * Billion), chief)).Context.Response.StatusCode.ShouldBe(201);
        var before = await EventCount();

        var (conn, tx) = await HoldFundLock();
        Task<IScenarioResult> outflow;
        await using (conn)
        await using (tx)
        {
            outflow = Post(url, body, chief);
            await WaitUntilSomeoneWaitsForTheFundLock();
            outflow.IsCompleted.ShouldBeFalse("the outflow is decided only once the fund's capital lock is released");
            (await EventCount()).ShouldBe(before, "nothing is booked while the lock is held");
            await tx.CommitAsync();
        }

        var booked = await outflow.WaitAsync(Bounded);
        booked.Context.Response.StatusCode.ShouldBe(201, await booked.ReadAsTextAsync());
        (await EventCount()).ShouldBe(before + 1);
    }
}
