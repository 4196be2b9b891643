using FsCheck.Fluent;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;

namespace HtxFund.Tests.Capital;

/// <summary>The database sums the ledger's lines per value date (<see cref="CapitalLedgerSums"/>) to the same figures as a
/// scan over every entry (<see cref="EntryListLedger"/>): random histories of every kind of line, many on one date, dates
/// out of order, repayments and their reversals on loans' streams.</summary>
public sealed class summing_the_ledger_in_the_database(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>Stores the lines of <paramref name="events"/> for <paramref name="tenant"/> as the projection writes them: the
    /// capital stream's at its next versions, each loan's on its own stream.</summary>
    private async Task StoreLines(string tenant, object[] events)
    {
        var versions = new Dictionary<Guid, long>();
        await using var session = Store.LightweightSession(tenant);
        var entries = EntryListLedger.Of(events).Entries;
        foreach (var entry in entries)
        {
            var stream = entry.LoanId ?? FundCapital.StreamId;
            versions[stream] = versions.GetValueOrDefault(stream) + 1;
            session.Store(CapitalLedgerEntry.Of(entry, stream, versions[stream]));
        }
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task the_database_sums_every_figure_as_the_scan_over_every_line()
    {
        var scenarios = CapitalScenarios.Scenarios.Sample(60, 40);
        for (var n = 0; n < scenarios.Length; n++)
        {
            var s = scenarios[n];
            var tenant = $"sums{n:00}";
            await StoreLines(tenant, s.Events);
            await using var query = Store.QuerySession(tenant);
            var ledger = await FundCapital.LedgerAsync(query, default);
            try
            {
                folding_the_ledger_into_daily_sums.ShouldMatch(ledger, EntryListLedger.Of(s.Events), s);
                ledger.ShouldBeEquivalentTo(FundCapitalLedger.Of(EntryListLedger.Of(s.Events).Entries));
            }
            catch (Exception e)
            {
                throw new ShouldAssertException($"Scenario {s}: {e.Message}", e);
            }
        }
    }

    [Fact]
    public async Task a_fund_reads_only_its_own_lines_and_a_fund_without_lines_has_an_empty_ledger()
    {
        var s = CapitalScenarios.Scenarios.Sample(60, 1)[0];
        await StoreLines(FundA, s.Events);

        await using (var other = Store.QuerySession(FundB))
            (await FundCapital.LedgerAsync(other, default)).Days.ShouldBeEmpty();
        await using var own = Store.QuerySession(FundA);
        folding_the_ledger_into_daily_sums.ShouldMatch(await FundCapital.LedgerAsync(own, default), EntryListLedger.Of(s.Events), s);
    }

    [Fact]
    public async Task the_first_booking_of_a_provision_month_names_it_and_the_last_retained_result_of_a_date_counts()
    {
        var date = new NodaTime.LocalDate(2026, 10, 31);
        var first = Guid.NewGuid();
        object[] events =
        [
            CapitalScenarios.Founding(),
            new ProvisionBooked(first, "2026-10", date, Money.Of(5_000_000), Money.Of(5_000_000), Guid.NewGuid(), Actor.System, AppFixture.Start),
            new ProvisionBooked(Guid.NewGuid(), "2026-10", date, Money.Of(7_000_000), Money.Of(2_000_000), Guid.NewGuid(), Actor.System, AppFixture.Start),
            new RetainedResultRecorded(Guid.NewGuid(), Money.Of(-3_000_000), date, "BCTC", Actor.System, AppFixture.Start),
            new RetainedResultRecorded(Guid.NewGuid(), Money.Of(9_000_000), date, "BCTC điều chỉnh", Actor.System, AppFixture.Start),
            new TrancheDisbursed(Guid.NewGuid(), Guid.NewGuid(), 4_000_000, date, Guid.NewGuid(), Actor.System, AppFixture.Start),
        ];
        await StoreLines(FundA, events);

        await using var query = Store.QuerySession(FundA);
        var ledger = await FundCapital.LedgerAsync(query, default);
        ledger.ProvisionEntryFor("2026-10").ShouldBe(first);
        ledger.ProvisionsBookedAsOf(date).ShouldBe(Money.Of(7_000_000));
        ledger.FiguresAsOf(date).RetainedResult.ShouldBe(Money.Of(9_000_000));
        ledger.DisbursedAsOf(date).ShouldBe(Money.Of(4_000_000));
    }
}
