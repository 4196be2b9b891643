using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;
using NodaTime;
using Npgsql;

namespace HtxFund.Tests.Capital;

/// <summary>GET /api/capital returns a bounded page of the ledger's lines (from the entry documents), whose running
/// figures are those of a walk over the whole ledger.</summary>
public sealed class reading_the_ledger_a_page_at_a_time(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly LocalDate Epoch = new(2025, 12, 1);

    /// <summary>The kinds of <see cref="CapitalScenarios.Build"/> on the capital stream (loans' lines: reading_a_ledger_of_loan_lines).</summary>
    private static readonly int[] CapitalKinds = [0, 1, 2, 6, 7, 8];

    /// <summary>130 entries of every capital kind on 12 value dates (many on each, recorded out of date order), after the founding contribution.</summary>
    private static object[] History() =>
    [
        CapitalScenarios.Founding(),
        .. Enumerable.Range(0, 130).SelectMany(i => CapitalScenarios.Build(CapitalKinds[i % CapitalKinds.Length], Epoch.PlusDays(i * 7 % 12 * 3),
            Money.Of(1_000_000L * (i + 1)), Money.Of(1_000_000L * (i % 2 == 0 ? -i : i)), i % 100, (OtherCapitalSourceKind)(i % 5), $"2025-{12 - i % 3:D2}")),
    ];

    private static object OneMore() => CapitalScenarios.Build(0, Epoch, Money.Of(5_000_000), Money.Zero, 50, default, "2025-12")[0];

    private async Task<object[]> Recorded()
    {
        var events = History();
        await using var session = Store.LightweightSession(FundA);
        session.Events.StartStream<FundCapitalStream>(FundCapital.StreamId, events);
        await session.SaveChangesAsync();
        return events;
    }

    private async Task<CapitalPosition> Position(string query)
    {
        var result = await Get($"/api/capital?{query}", await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalPosition>();
    }

    private static void ShouldShow(CapitalPosition page, IEnumerable<(CapitalEntry Entry, Money Charter, Money Retained, Money Cash)> expected, string because)
    {
        page.Ledger.Select(l => (l.EntryId, l.ValueDate, l.Amount, l.CharterCapitalAfter, l.RetainedResultAfter, l.CashAfter))
            .ShouldBe(expected.Select(x => (x.Entry.EntryId, x.Entry.ValueDate, x.Entry.Amount, x.Charter, x.Retained, x.Cash)), because);
    }

    [Fact]
    public async Task every_page_of_lines_shows_the_running_figures_of_the_whole_ledger()
    {
        var oracle = EntryListLedger.Of(await Recorded());

        foreach (var asOf in new[] { Epoch.PlusDays(-1), Epoch.PlusDays(9), Epoch.PlusDays(20), Epoch.PlusDays(33), new LocalDate(2026, 11, 22) })
        {
            var all = oracle.LinesUpTo(asOf);
            var whole = await Position($"asOf={asOf:yyyy-MM-dd}&ledgerLines=1000");
            ShouldShow(whole, all, $"every line up to {asOf}");
            whole.LedgerHasMore.ShouldBeFalse();

            foreach (var size in new[] { 1, 7, 40 })
            {
                // the latest lines: the page starts in the middle of a day
                var latest = await Position($"asOf={asOf:yyyy-MM-dd}&ledgerLines={size}");
                ShouldShow(latest, all.TakeLast(size), $"the last {size} lines up to {asOf}");
                latest.LedgerHasMore.ShouldBe(all.Count > size);
                latest.LedgerFrom.ShouldBeNull();

                foreach (var from in new[] { HtxFund.Infrastructure.Http.Validation.EarliestRecordDate, Epoch.PlusDays(-40), Epoch.PlusDays(3), Epoch.PlusDays(10), Epoch.PlusDays(33) })
                {
                    if (from > asOf) continue;
                    var window = all.Where(l => l.Entry.ValueDate >= from).ToArray();
                    var page = await Position($"asOf={asOf:yyyy-MM-dd}&ledgerFrom={from:yyyy-MM-dd}&ledgerLines={size}");
                    ShouldShow(page, window.Take(size), $"{size} lines from {from} up to {asOf}");
                    page.LedgerHasMore.ShouldBe(window.Length > size);
                    page.LedgerFrom.ShouldBe(from);
                }
            }
        }
    }

    [Fact]
    public async Task each_line_names_its_event_by_its_version_in_the_capital_stream_and_an_append_without_it_is_refused()
    {
        var events = History();
        await using (var session = Store.LightweightSession(FundA))
        {
            session.Events.StartStream<FundCapitalStream>(FundCapital.StreamId, events[..10]);
            await session.SaveChangesAsync();
        }
        foreach (var chunk in events[10..].Chunk(40))
        {
            await using var session = Store.LightweightSession(FundA);
            var state = await session.Events.FetchStreamStateAsync(FundCapital.StreamId);
            session.Events.Append(FundCapital.StreamId, state!.Version + chunk.Length, chunk);
            await session.SaveChangesAsync();
        }
        await using (var session = Store.LightweightSession(FundA))
        {
            session.Events.Append(FundCapital.StreamId, events.Length + 1L, OneMore());
            await session.SaveChangesAsync();
        }
        await using (var session = Store.LightweightSession(FundA))
        {
            // without the version the line's place is unknown: refused, nothing appended
            session.Events.Append(FundCapital.StreamId, OneMore());
            await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());
        }

        await using var query = Store.QuerySession(FundA);
        var lines = await query.Query<CapitalLedgerEntry>().ToListAsync();
        lines.Select(l => l.StreamVersion).Order().ShouldBe(Enumerable.Range(1, events.Length + 1).Select(n => (long)n));
        lines.ShouldAllBe(l => l.StreamId == FundCapital.StreamId);
    }

    [Fact]
    public async Task the_default_page_is_the_last_hundred_lines_up_to_the_date()
    {
        var oracle = EntryListLedger.Of(await Recorded());

        var page = await Position("");

        ShouldShow(page, oracle.LinesUpTo(new LocalDate(2026, 11, 22)).TakeLast(CapitalLedgerPage.DefaultLines), "the default page");
        page.LedgerHasMore.ShouldBeTrue();
        page.CashAvailable.ShouldBe(oracle.CashAsOf(new LocalDate(2026, 11, 22)));
    }

    [Theory]
    [InlineData("ledgerFrom=2026-13-01", "ledger_from.format")]
    [InlineData("ledgerFrom=01/06/2026", "ledger_from.format")]
    [InlineData("asOf=2026-06-30&ledgerFrom=2026-07-01", "ledger_from.after_as_of")]
    [InlineData("ledgerLines=0", "ledger_lines.out_of_range")]
    [InlineData("ledgerLines=1001", "ledger_lines.out_of_range")]
    public async Task a_bad_ledger_window_is_refused(string query, string code)
    {
        var result = await Get($"/api/capital?{query}", await TokenFor(Roles.CreditOfficer));
        await result.ShouldBeRefusal(400, code);
    }
}
