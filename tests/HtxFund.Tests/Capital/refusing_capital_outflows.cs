using FsCheck.Xunit;
using HtxFund.Capital;
using HtxFund.Capital.OtherSources;
using HtxFund.Capital.Withdrawing;
using HtxFund.Identity;
using HtxFund.Lending;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Tests.Capital;

/// <summary>The one outflow rule (<see cref="CapitalOutflow"/>): a withdrawal or a repayment of other capital is refused
/// exactly when booking it would leave its figure or the fund's cash below zero at the end of its value date or of some
/// later date (checked against the ledger with the outflow booked), and names the figure first, the cash second.</summary>
[Properties(Arbitrary = [typeof(CapitalScenarios)], MaxTest = 300)]
public sealed class refusing_capital_outflows
{
    private static readonly Instant At = AppFixture.Start;

    /// <summary>The value date and every later date with a line: the dates on which a figure can reach its lowest.</summary>
    private static List<LocalDate> DatesFrom(CapitalScenario s) =>
        [s.From, .. EntryListLedger.Of(s.Events).Entries.Select(e => e.ValueDate).Where(d => d > s.From).Distinct()];

    private static string? CodeOf(ProblemDetails? refusal) => refusal?.Type?.Split('/')[^1];

    /// <summary>An amount near the lowest of the two figures, so that both answers are drawn (at least 1 đồng).</summary>
    private static Money Near(Money figure, Money cash, int delta) => Money.Of(Math.Max(1, Math.Min(figure.Dong, cash.Dong) + delta));

    /// <summary>Decides <paramref name="amount"/> on the ledger of <paramref name="s"/> and checks it against the scan over
    /// every entry with the outflow <paramref name="booked"/>: <paramref name="change"/> is how an entry moves the figure.</summary>
    private static void ShouldDecide(CapitalOutflow outflow, CapitalScenario s, Money amount, object booked, Func<CapitalEntry, Money> change,
        string figureCode, string cashCode)
    {
        var entries = EntryListLedger.Of(s.Events).Entries;
        List<CapitalEntry> after = [.. entries, CapitalEntries.Of(booked)!];
        Money Sum(LocalDate d, Func<CapitalEntry, Money> of) => Money.Sum(after.Where(e => e.ValueDate <= d).Select(of));
        var dates = DatesFrom(s);
        var figureShort = dates.Any(d => Sum(d, change) < Money.Zero);
        var cashShort = dates.Any(d => Sum(d, e => e.CashChange()) < Money.Zero);

        var refusal = outflow.Refusal(amount, s.From, FundCapitalLedger.Of(entries));

        CodeOf(refusal).ShouldBe(figureShort ? figureCode : cashShort ? cashCode : null);
        if (refusal is not null) refusal.Status.ShouldBe(422);
    }

    [Property]
    public void a_withdrawal_is_refused_exactly_when_the_charter_capital_or_the_cash_would_be_negative_on_a_later_date(CapitalScenario s, int delta)
    {
        var ledger = FundCapitalLedger.Of(EntryListLedger.Of(s.Events).Entries);
        var amount = Near(ledger.LowestCharterCapitalFrom(s.From), ledger.LowestCashFrom(s.From), delta);
        var withdrawn = new CharterCapitalWithdrawn(Guid.NewGuid(), amount, "Ngân sách tỉnh", "9/QĐ", s.From.PlusDays(-1), s.From, "Lý do",
            Actor.System, At);

        ShouldDecide(WithdrawCharterCapitalEndpoint.Outflow, s, amount, withdrawn, e => e.CharterChange(),
            "capital.withdrawal_exceeds_charter_capital", "capital.withdrawal_exceeds_cash");
    }

    [Property]
    public void a_repayment_of_other_capital_is_refused_exactly_when_what_other_sources_hold_or_the_cash_would_be_negative_on_a_later_date(
        CapitalScenario s, int delta)
    {
        var ledger = FundCapitalLedger.Of(EntryListLedger.Of(s.Events).Entries);
        var amount = Near(ledger.LowestOtherCapitalFrom(s.From), ledger.LowestCashFrom(s.From), delta);
        var repaid = new OtherCapitalRepaid(Guid.NewGuid(), OtherCapitalSourceKind.Borrowing, amount, "Ngân hàng", "6/QĐ", s.From.PlusDays(-1),
            s.From, "Hoàn trả", Actor.System, At);

        ShouldDecide(RepayOtherCapitalEndpoint.Outflow, s, amount, repaid,
            e => e.Kind is CapitalEntryKind.OtherCapitalReceipt or CapitalEntryKind.OtherCapitalRepayment ? e.Amount : Money.Zero,
            "capital.other_repayment_exceeds_received", "capital.other_repayment_exceeds_cash");
    }

    [Fact]
    public void the_refusal_says_in_vietnamese_what_cannot_be_paid_and_the_lowest_figure_from_the_value_date()
    {
        var ledger = FundCapitalLedger.Of([CapitalEntries.Of(new CharterCapitalContributed(Guid.NewGuid(), Money.Of(5_000_000), "Ngân sách tỉnh",
            "1/QĐ", new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2), Actor.System, At))!]);

        var refusal = WithdrawCharterCapitalEndpoint.Outflow.Refusal(Money.Of(6_000_000), new LocalDate(2025, 1, 2), ledger)!;

        refusal.Detail.ShouldBe("Không thể rút 6.000.000 ₫: vốn điều lệ từ ngày 02/01/2025 trở đi thấp nhất là 5.000.000 ₫, "
            + "rút số tiền này sẽ làm vốn điều lệ bị âm.");
        refusal.Extensions["available"].ShouldBe(5_000_000L);
    }
}
