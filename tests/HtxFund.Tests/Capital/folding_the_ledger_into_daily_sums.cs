using FsCheck.Xunit;
using HtxFund.Capital;
using HtxFund.Lending;
using HtxFund.Loans;
using NodaTime;

namespace HtxFund.Tests.Capital;

/// <summary>The ledger keeps the sums of each value date instead of every entry: every figure equals the scan over the
/// entry list (<see cref="EntryListLedger"/>), whatever kinds, dates and order the entries come in.</summary>
[Properties(Arbitrary = [typeof(CapitalScenarios)], MaxTest = 300)]
public sealed class folding_the_ledger_into_daily_sums
{
    private static FundCapitalLedger Fold(IEnumerable<object> events) => FundCapitalLedger.Of(EntryListLedger.Of(events).Entries);

    /// <summary>Every figure of <paramref name="ledger"/> at <paramref name="s"/>'s dates equals the oracle's.</summary>
    public static void ShouldMatch(FundCapitalLedger ledger, EntryListLedger oracle, CapitalScenario s)
    {
        var asOf = s.AsOf;
        ledger.FiguresAsOf(asOf).ShouldBe(oracle.FiguresAsOf(asOf));
        ledger.CashAsOf(asOf).ShouldBe(oracle.CashAsOf(asOf));
        ledger.ProvisionsBookedAsOf(asOf).ShouldBe(oracle.ProvisionsBookedAsOf(asOf));
        ledger.OtherCapitalAsOf(asOf).ShouldBe(oracle.OtherCapitalAsOf(asOf));
        foreach (var kind in Enum.GetValues<OtherCapitalSourceKind>())
            ledger.OtherCapitalAsOf(asOf, kind).ShouldBe(oracle.OtherCapitalAsOf(asOf, kind), kind.ToString());
        ledger.DisbursedAsOf(asOf).ShouldBe(oracle.DisbursedAsOf(asOf));
        ledger.PrincipalRepaidAsOf(asOf).ShouldBe(oracle.PrincipalRepaidAsOf(asOf));
        ledger.InterestReceivedAsOf(asOf).ShouldBe(oracle.InterestReceivedAsOf(asOf));
        ledger.OutstandingPrincipalAsOf(asOf).ShouldBe(oracle.OutstandingPrincipalAsOf(asOf));
        ledger.ProvisionBookedFor(s.Month).ShouldBe(oracle.ProvisionBookedFor(s.Month));
        ledger.ProvisionEntryFor(s.Month).ShouldBe(oracle.ProvisionEntryFor(s.Month));
        ledger.LowestCashFrom(s.From).ShouldBe(oracle.LowestCashFrom(s.From));
        ledger.LowestCharterCapitalFrom(s.From).ShouldBe(oracle.LowestCharterCapitalFrom(s.From));
        ledger.LowestOtherCapitalFrom(s.From).ShouldBe(oracle.LowestOtherCapitalFrom(s.From));
    }

    [Property]
    public void every_figure_as_of_a_date_equals_the_scan_over_every_entry(CapitalScenario s) =>
        ShouldMatch(Fold(s.Events), EntryListLedger.Of(s.Events), s);

    [Property]
    public void a_reversal_cancels_its_repayment_on_every_figure_of_every_date(CapitalScenario s)
    {
        var repayment = CapitalScenarios.Repayment(Guid.NewGuid(), Guid.NewGuid(), s.From, Money.Of(7_654_321_000), 37);
        var reversed = Fold([.. s.Events, .. CapitalScenarios.Reversed(repayment, Guid.NewGuid())]);
        var without = Fold(s.Events);

        foreach (var date in new[] { s.From.PlusDays(-1), s.From, s.AsOf, s.From.PlusDays(90) })
        {
            reversed.CashAsOf(date).ShouldBe(without.CashAsOf(date));
            reversed.PrincipalRepaidAsOf(date).ShouldBe(without.PrincipalRepaidAsOf(date));
            reversed.InterestReceivedAsOf(date).ShouldBe(without.InterestReceivedAsOf(date));
        }
        reversed.LowestCashFrom(s.AsOf).ShouldBe(without.LowestCashFrom(s.AsOf));
    }

    [Fact]
    public void a_repayment_line_moves_cash_by_its_amount_and_splits_principal_and_interest_as_its_event()
    {
        var date = new LocalDate(2026, 11, 20);
        var repayment = CapitalScenarios.Repayment(Guid.NewGuid(), Guid.NewGuid(), date, Money.Of(1_500_000), 60);
        var line = CapitalEntries.Of(repayment)!;

        line.Amount.ShouldBe(Money.Of(1_500_000));
        line.PrincipalRepaid.ShouldBe(repayment.Allocation.Principal);
        line.InterestReceived.ShouldBe(repayment.Allocation.Interest);
        (repayment.Allocation.Principal + repayment.Allocation.Interest + repayment.Allocation.RefundableExcess).ShouldBe(Money.Of(1_500_000));
        var day = CapitalDay.Of(line);
        day.Cash.ShouldBe(1_500_000, "the refundable excess is cash held for the borrower");
        day.PrincipalRepaid.ShouldBe(900_000);
        day.InterestReceived.ShouldBe(300_000);
    }

    [Fact]
    public void a_reversal_of_another_repayment_is_refused()
    {
        var date = new LocalDate(2026, 11, 20);
        var one = CapitalScenarios.Repayment(Guid.NewGuid(), Guid.NewGuid(), date, Money.Of(1_500_000), 60);
        var other = CapitalScenarios.Repayment(one.LoanId, Guid.NewGuid(), date, Money.Of(2_500_000), 60);
        var reversal = (LoanRepaymentReversed)CapitalScenarios.Reversed(one, Guid.NewGuid())[1];

        Should.Throw<ArgumentException>(() => CapitalEntries.Reversal(reversal, other));
    }
}
