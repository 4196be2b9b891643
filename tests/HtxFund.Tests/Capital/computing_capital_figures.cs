using HtxFund.Capital;
using HtxFund.Capital.Withdrawing;
using HtxFund.Identity;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Tests.Capital;

/// <summary>Pure tests of the capital ledger and the withdrawal decision, without a database.</summary>
public sealed class computing_capital_figures
{
    private static readonly Instant At = AppFixture.Start;

    private static FundCapitalLedger Ledger() => FundCapitalLedger.Of(new object[]
    {
        new CharterCapitalContributed(Guid.NewGuid(), Money.Of(20_000_000_000), "Ngân sách tỉnh", "12/QĐ-UBND",
            new(2025, 1, 10), new(2025, 1, 15), Actor.System, At),
        new RetainedResultRecorded(Guid.NewGuid(), Money.Of(-1_500_000_000), new(2025, 12, 31), "BCTC 2025", Actor.System, At),
        new CharterCapitalWithdrawn(Guid.NewGuid(), Money.Of(2_000_000_000), "Ngân sách tỉnh", "88/QĐ-UBND",
            new(2026, 3, 15), new(2026, 3, 31), "Điều chuyển", Actor.System, At),
        new RetainedResultRecorded(Guid.NewGuid(), Money.Of(-1_000_000_000), new(2025, 12, 31), "BCTC 2025 điều chỉnh", Actor.System, At),
    }.Select(e => CapitalEntries.Of(e)!));

    [Fact]
    public void actual_charter_capital_is_charter_capital_plus_the_latest_retained_result_at_the_date()
    {
        var ledger = Ledger();
        ledger.FiguresAsOf(new(2025, 12, 30)).ActualCharterCapital.ShouldBe(Money.Of(20_000_000_000));
        // a later record for the same date corrects the earlier one
        ledger.FiguresAsOf(new(2025, 12, 31)).ShouldBe(new CapitalFigures(new(2025, 12, 31), Money.Of(20_000_000_000),
            Money.Of(-1_000_000_000), new(2025, 12, 31), Money.Of(19_000_000_000)));
        ledger.FiguresAsOf(new(2026, 3, 31)).ActualCharterCapital.ShouldBe(Money.Of(17_000_000_000));
    }

    [Fact]
    public void the_lowest_charter_capital_from_a_date_looks_at_every_later_date()
    {
        var ledger = Ledger();
        ledger.LowestCharterCapitalFrom(new(2025, 6, 1)).ShouldBe(Money.Of(18_000_000_000));
        ledger.LowestCharterCapitalFrom(new(2024, 6, 1)).ShouldBe(Money.Zero);
    }

    [Fact]
    public void a_withdrawal_is_decided_against_the_lowest_later_charter_capital()
    {
        var ledger = Ledger();
        WithdrawCharterCapital Withdraw(long amount) =>
            new(amount, "Ngân sách tỉnh", "9/QĐ", new LocalDate(2025, 5, 1), new LocalDate(2025, 6, 1), "Lý do");

        var refused = WithdrawCharterCapitalEndpoint.Decide(Withdraw(18_000_000_001), ledger, Guid.NewGuid(), Actor.System, At);
        refused.Withdrawn.ShouldBeNull();
        refused.Refusal!.Status.ShouldBe(422);
        refused.Refusal.Extensions["available"].ShouldBe(18_000_000_000L);

        var accepted = WithdrawCharterCapitalEndpoint.Decide(Withdraw(18_000_000_000), ledger, Guid.NewGuid(), Actor.System, At);
        accepted.Refusal.ShouldBeNull();
        ledger.Add(CapitalEntries.Of(accepted.Withdrawn!)!).FiguresAsOf(new(2026, 11, 22)).CharterCapital.ShouldBe(Money.Zero);
    }
}
