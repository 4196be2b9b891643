using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;

namespace HtxFund.Tests.Capital;

/// <summary>The fund's ledger document is kept by the async daemon (not rewritten inside every repayment's transaction);
/// readers and writers fold the events after it, so none of them depends on it being current.</summary>
public sealed class keeping_the_ledger_snapshot(AppFixture fixture) : IntegrationContext(fixture)
{
    private const long Billion = 1_000_000_000;

    private static object Contribution(long amount, string valueDate) =>
        new { amount, source = "Ngân sách tỉnh", decisionNumber = "12/QĐ-UBND", decisionDate = "2025-01-10", valueDate };

    private static object Withdrawal(long amount, string valueDate) =>
        new { amount, source = "Ngân sách tỉnh", decisionNumber = "88/QĐ-UBND", decisionDate = "2025-01-10", valueDate, reason = "Điều chuyển vốn" };

    private async Task Recorded(string url, object body)
    {
        var result = await Post(url, body, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
    }

    private async Task<CapitalPosition> Position()
    {
        var result = await Get("/api/capital", await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalPosition>();
    }

    private async Task<long?> StoredEntries()
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.LoadAsync<FundCapitalLedger>(FundCapital.StreamId))?.EntryCount;
    }

    private async Task DeleteStoredLedger()
    {
        await using var session = Store.LightweightSession(FundA);
        session.Delete<FundCapitalLedger>(FundCapital.StreamId);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task the_position_shows_every_entry_even_when_the_stored_ledger_is_missing()
    {
        await Recorded("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"));
        await Recorded("/api/capital/contributions", Contribution(5 * Billion, "2025-07-01"));
        await DeleteStoredLedger();

        var position = await Position();

        position.CharterCapital.Dong.ShouldBe(25 * Billion);
        position.Ledger.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_withdrawal_is_decided_on_every_entry_even_when_the_stored_ledger_is_missing()
    {
        await Recorded("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"));
        await Recorded("/api/capital/contributions", Contribution(5 * Billion, "2025-07-01"));
        await DeleteStoredLedger();

        var refused = await Post("/api/capital/withdrawals", Withdrawal(26 * Billion, "2026-03-31"), await TokenFor(Roles.ChiefAccountant));
        await refused.ShouldBeRefusal(422, "capital.withdrawal_exceeds_charter_capital");
        await Recorded("/api/capital/withdrawals", Withdrawal(25 * Billion, "2026-03-31"));

        (await Position()).CharterCapital.Dong.ShouldBe(0);
    }

    [Fact]
    public async Task the_daemon_builds_the_stored_ledger_up_to_the_last_entry()
    {
        await Recorded("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"));
        await Recorded("/api/capital/contributions", Contribution(5 * Billion, "2025-07-01"));
        await Recorded("/api/capital/withdrawals", Withdrawal(2 * Billion, "2026-03-31"));

        await Host.ForceAllMartenDaemonActivityToCatchUpAsync(CancellationToken.None);

        (await StoredEntries()).ShouldBe(3);
    }
}
