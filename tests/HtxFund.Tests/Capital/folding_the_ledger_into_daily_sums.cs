using FsCheck.Xunit;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Tests.Capital;

/// <summary>The ledger snapshot keeps the sums of each value date instead of every entry: every figure equals the scan
/// over the entry list it replaced (<see cref="EntryListLedger"/>), and its size follows the dates, not the entries.</summary>
[Properties(Arbitrary = [typeof(CapitalScenarios)], MaxTest = 300)]
public sealed class folding_the_ledger_into_daily_sums
{
    private static FundCapitalLedger Fold(IEnumerable<object> events) => events.Aggregate(new FundCapitalLedger(), (l, e) => l.Applied(e));

    [Property]
    public void every_figure_as_of_a_date_equals_the_scan_over_every_entry(CapitalScenario s)
    {
        var ledger = Fold(s.Events);
        var oracle = EntryListLedger.Of(s.Events);
        var asOf = s.AsOf;
        ledger.EntryCount.ShouldBe(s.Events.Length);
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
    }

    [Property]
    public void the_lowest_figures_from_a_date_equal_the_scan_over_every_later_date(CapitalScenario s)
    {
        var ledger = Fold(s.Events);
        var oracle = EntryListLedger.Of(s.Events);
        ledger.LowestCashFrom(s.From).ShouldBe(oracle.LowestCashFrom(s.From));
        ledger.LowestCharterCapitalFrom(s.From).ShouldBe(oracle.LowestCharterCapitalFrom(s.From));
        ledger.LowestOtherCapitalFrom(s.From).ShouldBe(oracle.LowestOtherCapitalFrom(s.From));
    }

    [Property(MaxTest = 100)]
    public void the_snapshot_reads_back_from_its_json_with_the_same_figures(CapitalScenario s)
    {
        var serializer = StoreJsonSerializer.Create();
        var ledger = Fold(s.Events);
        var json = serializer.ToJson(ledger);
        var read = serializer.FromJson<FundCapitalLedger>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        serializer.ToJson(read).ShouldBe(json);
        read.FiguresAsOf(s.AsOf).ShouldBe(ledger.FiguresAsOf(s.AsOf));
        read.LowestCashFrom(s.From).ShouldBe(ledger.LowestCashFrom(s.From));
        read.ProvisionEntryFor(s.Month).ShouldBe(ledger.ProvisionEntryFor(s.Month));
    }

    [Fact]
    public void the_snapshot_does_not_grow_with_the_entries_of_one_value_date()
    {
        var serializer = StoreJsonSerializer.Create();
        var date = new LocalDate(2026, 11, 20);
        FundCapitalLedger WithRepayments(int count)
        {
            var ledger = new FundCapitalLedger().Apply(new CharterCapitalContributed(Guid.NewGuid(), Money.Of(20_000_000_000), "Ngân sách tỉnh",
                "12/QĐ", date.PlusDays(-30), date.PlusDays(-30), Actor.System, AppFixture.Start));
            for (var i = 0; i < count; i++)
                ledger = ledger.Apply(new LoanRepaymentReceived(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Money.Of(1_500_000), Money.Of(1_000_000),
                    Money.Of(500_000), Money.Zero, date, "1/HĐTD", $"GBC {i}", Actor.System, AppFixture.Start));
            return ledger;
        }

        var ten = serializer.ToJson(WithRepayments(10)).Length;
        var thousands = serializer.ToJson(WithRepayments(5_000)).Length;

        // only the digits of the sums and of the count grow
        (thousands - ten).ShouldBeLessThan(20);
        thousands.ShouldBeLessThan(600);
    }
}
