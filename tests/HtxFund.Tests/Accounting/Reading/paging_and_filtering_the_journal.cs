using HtxFund.Accounting.Reading;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;
using NodaTime;

namespace HtxFund.Tests.Accounting.Reading;

/// <summary>GET /api/accounting/journal over many lines (written straight into the journal: 60 vouchers in November
/// 2026, two a day, voucher i of i × 1,000,000 ₫, odd ones for borrower A and even ones for borrower B; 3 in October; one
/// in another fund; and the fixture's charter capital of January): pages in posting order, totals over the whole filtered set, filters; and the ledger's running balance.</summary>
public sealed class paging_and_filtering_the_journal(AppFixture fixture) : BooksContext(fixture)
{
    private static readonly Guid A = Guid.Parse("0a000000-0000-0000-0000-00000000000a"), B = Guid.Parse("0b000000-0000-0000-0000-00000000000b");

    private async Task GivenSixtyVouchers()
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120)); // the fixture's charter capital (15/01/2026) journalled first
        var lines = Enumerable.Range(1, 60).SelectMany(i => Posting($"BN202611-{i:0000}", new LocalDate(2026, 11, 1 + (i - 1) / 2), "1283", "1121",
            i * 1_000_000L, i % 2 == 1 ? A : B, i % 2 == 1 ? "HTX A" : "HTX B", sequence: 100 + i));
        var october = Enumerable.Range(1, 3).SelectMany(i => Posting($"BC202610-{i:0000}", new LocalDate(2026, 10, 10 + i), "1121", "4111", 1_000_000_000L));
        await Journalled(FundA, lines.Concat(october));
        await Journalled(FundB, Posting("BN202611-0001", new LocalDate(2026, 11, 5), "1283", "1121", 777_000_000L, A, "HTX A"));
    }

    [Fact]
    public async Task pages_follow_the_posting_order_and_the_totals_cover_every_filtered_line()
    {
        await GivenSixtyVouchers();
        const string november = "/api/accounting/journal?from=2026-11-01&to=2026-11-30";

        var first = await Books<JournalPage>($"{november}&pageSize=25");
        first.TotalLines.ShouldBe(120);
        first.TotalPages.ShouldBe(5);
        first.TotalDebit.ShouldBe(1_830_000_000, "1 + 2 + … + 60 millions");
        first.TotalCredit.ShouldBe(1_830_000_000);
        first.Lines.Count.ShouldBe(25);
        first.Lines.Select(l => (l.VoucherNumber, l.LineNo)).Take(4).ShouldBe([("BN202611-0001", 1), ("BN202611-0001", 2), ("BN202611-0002", 1), ("BN202611-0002", 2)]);

        var last = await Books<JournalPage>($"{november}&pageSize=25&page=5");
        last.Lines.Count.ShouldBe(20);
        last.TotalDebit.ShouldBe(1_830_000_000, "the totals are the filtered set's, whatever the page");
        last.Lines[^1].VoucherNumber.ShouldBe("BN202611-0060");
        last.Lines[^1].PostingDate.ShouldBe(new LocalDate(2026, 11, 30));

        var borrowerA = await Books<JournalPage>($"{november}&objectId={A}&pageSize=100");
        borrowerA.TotalLines.ShouldBe(60);
        borrowerA.TotalDebit.ShouldBe(900_000_000, "1 + 3 + … + 59 millions");

        var loans = await Books<JournalPage>($"{november}&account=12");
        loans.TotalLines.ShouldBe(60, "an account filter takes the account and its sub-accounts: 12 → 1283");
        (loans.TotalDebit, loans.TotalCredit).ShouldBe((1_830_000_000L, 0L));
        loans.Lines.Count.ShouldBe(20, "the default page size");

        var voucher = await Books<JournalPage>($"{november}&voucher=bn202611-0007");
        voucher.Lines.Select(l => (l.Account, l.Debit, l.Credit)).ShouldBe([("1283", 7_000_000L, 0L), ("1121", 0L, 7_000_000L)]);

        var other = await Books<JournalPage>(november, fund: FundB);
        (other.TotalLines, other.TotalDebit).ShouldBe((2L, 777_000_000L), "another fund reads its own journal only");
    }

    [Fact]
    public async Task the_ledger_carries_the_balance_forward_and_runs_it_line_by_line()
    {
        await GivenSixtyVouchers();

        var cash = await Books<AccountLedgerReport>("/api/accounting/ledger/1121?from=2026-11-01&to=2026-11-02");
        cash.Name.ShouldBe("Tiền gửi ngân hàng");
        cash.Opening.ShouldBe(23_000_000_000, "the fixture's 20,000,000,000 ₫ of January and three contributions of 1,000,000,000 ₫ in October");
        cash.Lines.Select(l => (l.VoucherNumber, l.Credit, l.Balance, l.CounterAccount)).ShouldBe(
        [
            ("BN202611-0001", 1_000_000L, 22_999_000_000L, "1283"), ("BN202611-0002", 2_000_000L, 22_997_000_000L, "1283"),
            ("BN202611-0003", 3_000_000L, 22_994_000_000L, "1283"), ("BN202611-0004", 4_000_000L, 22_990_000_000L, "1283"),
        ]);
        (cash.PeriodDebit, cash.PeriodCredit, cash.Closing).ShouldBe((0L, 10_000_000L, 22_990_000_000L));

        var capital = await Books<AccountLedgerReport>("/api/accounting/ledger/4111?from=2026-11-01&to=2026-11-30");
        (capital.Opening, capital.OpeningCredit, capital.Lines.Count, capital.ClosingCredit).ShouldBe((-23_000_000_000L, 23_000_000_000L, 0, 23_000_000_000L));
    }

    [Fact]
    public async Task the_journal_page_shows_fifty_lines_a_page_with_the_totals_of_every_filtered_line()
    {
        await GivenSixtyVouchers();
        var token = await TokenFor(Roles.Accountant);

        var third = System.Net.WebUtility.HtmlDecode(await (await Get("/ke-toan/nhat-ky-chung?tu-ngay=01/11/2026&den-ngay=30/11/2026&trang=3", token)).ReadAsTextAsync());
        third.Split("data-testid=\"line\"").Length.ShouldBe(21, "lines 101 to 120");
        third.ShouldContain("BN202611-0060");
        third.ShouldNotContain("BN202611-0050");
        third.ShouldContain("<dd data-testid=\"total-lines\">120</dd>");
        third.ShouldContain("<dd data-testid=\"total-debit\">1.830.000.000 ₫</dd>");
        third.ShouldContain("trang=2");
        third.ShouldContain("/api/accounting/journal?from=2026-11-01&to=2026-11-30&format=csv");

        var refused = System.Net.WebUtility.HtmlDecode(await (await Get("/ke-toan/nhat-ky-chung?tu-ngay=30/11/2026&den-ngay=01/11/2026", token)).ReadAsTextAsync());
        refused.ShouldContain("Ngày bắt đầu không được sau ngày kết thúc.");
        refused.ShouldNotContain("data-testid=\"journal\"");
    }
}
