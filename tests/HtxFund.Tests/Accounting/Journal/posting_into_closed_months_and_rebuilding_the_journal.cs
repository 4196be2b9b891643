using HtxFund.Accounting;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;
using NodaTime;
using Npgsql;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>
/// The journal's decisions depend only on the events before each one: a movement dated in a closed month is posted on the
/// first day of the first open month (an adjusting entry), a reopened month takes postings again, a new setup's mapping
/// applies to what follows it; and rebuilding the projection from the log writes the identical journal.
/// The history: a loan of 150,000,000 ₫ disbursed 22/11/2026; on 03/12/2026 November is closed and a repayment of
/// 10,000,000 ₫ dated 28/11 arrives: accrued interest 150,000,000 × 6 days × 6 % / 365 = 147,945.2 → 147,945, principal
/// prepaid 9,852,055, posted on 01/12/2026; November is reopened and a repayment of 5,000,000 ₫ dated 29/11 is posted on 29/11
/// (its split is the engine's; its voucher is asserted by its total and its date);
/// setup version 2 maps disbursements to 12831, and a second tranche of 50,000,000 ₫ posts there. Fund B has a journal of its
/// own (its charter capital).
/// </summary>
public sealed class posting_into_closed_months_and_rebuilding_the_journal(AppFixture fixture) : JournalContext(fixture)
{
    private Guid loan;

    private async Task Books(object e)
    {
        await using var session = Store.LightweightSession(FundA);
        session.Events.Append(FundBooks.StreamId, e);
        await session.SaveChangesAsync();
    }

    private async Task History()
    {
        await ContributeCapital(3_000_000_000, FundB);
        loan = await SignedLoan(400_000_000, number: "41/2026/HĐTD");
        await Disbursed(loan, 150_000_000, "2026-11-22");
        AdvanceTo(new LocalDate(2026, 12, 3));
        // part C's close and reopen commands are not on this branch: their events are appended as the commands would
        await Books(new AccountingPeriodClosed("2026-11", Actor.System, Clock.GetCurrentInstant()));
        await Repaid(loan, 10_000_000, "2026-11-28");
        await Books(new AccountingPeriodReopened("2026-11", "Sửa sai trước khi lập báo cáo", Actor.System, Clock.GetCurrentInstant()));
        await Repaid(loan, 5_000_000, "2026-11-29");
        var mapping = new AccountingMapping([.. AccountingDefaults.Mapping.Rules.Select(r =>
            r.Kind == PostingKind.Disbursement ? r with { Debit = "12831" } : r)]);
        var chart = new ChartOfAccounts([.. AccountingDefaults.Chart.Accounts, new LedgerAccount("12831", "Cho vay ngắn hạn", AccountKind.Asset, true)]);
        await Books(new AccountingSetupAdopted(2, chart, mapping, "Mở tài khoản chi tiết cho vay", Actor.System, Clock.GetCurrentInstant()));
        await Disbursed(loan, 50_000_000, "2026-12-03");
    }

    [Fact]
    public async Task a_movement_of_a_closed_month_is_an_adjusting_entry_of_the_first_open_month_and_a_new_mapping_applies_to_what_follows()
    {
        await History();

        var lines = await JournalLines();

        var adjusting = Voucher(lines, "BC202612-0001");
        adjusting.Select(Show).ShouldBe(["1121 D 9852055 PrincipalPrepaid", "1283 C 9852055 PrincipalPrepaid",
            "1121 D 147945 InterestReceived", "13881 C 147945 InterestReceived"]);
        adjusting.ShouldAllBe(l => l.IsAdjustment && l.PostingDate == new LocalDate(2026, 12, 1) && l.Month == "2026-12"
            && l.BusinessDate == new LocalDate(2026, 11, 28)
            && l.Description.StartsWith("Điều chỉnh: nghiệp vụ ngày 28/11/2026 ghi sổ sau khi khoá sổ tháng 11/2026"));

        var reopened = Voucher(lines, "BC202611-0001");
        reopened.ShouldAllBe(l => !l.IsAdjustment && l.PostingDate == new LocalDate(2026, 11, 29));
        reopened.Where(l => l.Debit > 0).Sum(l => l.Debit).ShouldBe(5_000_000);

        var second = Voucher(lines, "BN202612-0001");
        second.Select(Show).ShouldBe(["12831 D 50000000 Disbursement", "1121 C 50000000 Disbursement"]);
        second.ShouldAllBe(l => l.SetupVersion == 2);
        Voucher(lines, "BN202611-0001").ShouldAllBe(l => l.SetupVersion == 1 && l.Account != "12831");
        EveryVoucherBalances(lines);

        var b = await JournalLines(FundB);
        b.Select(Show).ShouldBe(["1121 D 3000000000 CharterCapitalContribution", "4111 C 3000000000 CharterCapitalContribution"]);
        b[0].VoucherNumber.ShouldBe("BC202601-0001", "each fund numbers its own vouchers");
        lines.ShouldNotContain(l => b.Select(x => x.Id).Contains(l.Id));
    }

    [Fact]
    public async Task rebuilding_the_projection_writes_the_identical_journal_in_each_fund()
    {
        await History();
        var before = await StoredLines();
        before.Count.ShouldBe(2 + 2 + 2 + 4 + 4 + 2, "A: capital, 2 tranches, 2 repayments (4 lines each); B: capital");
        before.Select(r => r.Tenant).Distinct().Order().ShouldBe([FundA, FundB]);

        using (var daemon = await Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync(HtxFund.Accounting.Journal.JournalProjection.Name, TimeSpan.FromMinutes(2), CancellationToken.None);

        (await StoredLines()).ShouldBe(before);
    }

    /// <summary>Every journal line as stored: its fund, its id and its JSON.</summary>
    private async Task<List<(string Tenant, string Id, string Json)>> StoredLines()
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select tenant_id, id, data::text from htxfund.mt_doc_journalline order by tenant_id, id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
