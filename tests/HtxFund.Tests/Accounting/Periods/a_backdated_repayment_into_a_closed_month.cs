using System.Security.Cryptography;
using System.Text.Json;
using HtxFund.Accounting;
using HtxFund.Accounting.Periods;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;
using NodaTime;

namespace HtxFund.Tests.Accounting.Periods;

/// <summary>
/// The closed month never changes: a 400,000,000 ₫ loan disbursed on 22/11/2026 (fund A: 20,000,000,000 ₫ of charter capital
/// from 15/01/2026), November's interest accrual booked and November closed on 02/12/2026; the after-close handler archives
/// November's trial balance once the journal has posted the close. A repayment recorded afterwards with value date 28/11/2026
/// (within the policy's 30-day backdating window) leaves November's journal lines and the archived files byte for byte as
/// they were, and is posted as an adjusting entry dated 01/12/2026 naming its own date; the reconciliation at 30/11 shows the
/// difference it makes to the capital position as explained.
/// </summary>
public sealed class a_backdated_repayment_into_a_closed_month(AppFixture fixture) : LoanContext(fixture)
{
    private static readonly LocalDate Closing = new(2026, 12, 2);

    private async Task<AccountingPeriodList> Periods()
    {
        var result = await Get("/api/accounting/periods", await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<AccountingPeriodList>();
    }

    private async Task<ArchivedTrialBalance> ArchivedTrialBalance(string month)
    {
        ArchivedTrialBalance? archived = null;
        await Waiting.Eventually(async () => (archived = (await Periods()).Months.Single(m => m.Month == month).TrialBalance) is not null,
            $"the trial balance of {month} is archived");
        return archived!;
    }

    private async Task<byte[]> Download(string link)
    {
        var result = await Get(link, await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200);
        using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        return stream.ToArray();
    }

    private async Task<IReadOnlyList<JournalLine>> Lines(Func<JournalLine, bool> which)
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Query<JournalLine>().ToListAsync()).Where(which).OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
    }

    private async Task<string> MonthJson(string month) =>
        JsonSerializer.Serialize(await Lines(l => l.Month == month), TestJson.Options);

    private async Task<ReconciliationReport> Reconciliation(string asOf)
    {
        var result = await Get($"/api/accounting/reconciliation?asOf={asOf}", await TokenFor(Roles.Chairman));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<ReconciliationReport>();
    }

    /// <summary>The loan disbursed on 22/11, November's accrual booked and November closed on 02/12 by the chief accountant.</summary>
    private async Task<Guid> NovemberClosed()
    {
        var loan = await SignedLoan(400_000_000);
        await Disbursed(loan, 400_000_000);
        AdvanceTo(Closing);
        var chief = await TokenFor(Roles.ChiefAccountant);
        await Ok(Post("/api/accounting/accruals", new { month = "2026-11" }, chief));
        (await Post("/api/accounting/periods/2026-11/close", new CloseAccountingPeriod(null), chief)).Context.Response.StatusCode.ShouldBe(204);
        return loan;
    }

    [Fact]
    public async Task leaves_the_closed_months_journal_and_archived_trial_balance_byte_identical_and_is_posted_on_the_first_of_the_next_month()
    {
        var loan = await NovemberClosed();

        var archived = await ArchivedTrialBalance("2026-11");
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var november = await MonthJson("2026-11");
        var csv = await Download(archived.CsvLink!);
        var pdf = await Download(archived.PdfLink!);
        Convert.ToHexStringLower(SHA256.HashData(csv)).ShouldBe(archived.CsvSha256);
        Convert.ToHexStringLower(SHA256.HashData(pdf)).ShouldBe(archived.PdfSha256);
        var csvText = System.Text.Encoding.UTF8.GetString(csv);
        // 1121: 20,000,000,000 brought forward, 400,000,000 paid out, 19,600,000,000 at 30/11; 1283: 400,000,000 lent
        csvText.ShouldContain("1121;Tiền gửi ngân hàng;20000000000;0;0;400000000;19600000000;0");
        csvText.ShouldContain("1283;Cho vay;0;0;400000000;0;400000000;0");
        Documents.PdfTools.Text(pdf).ShouldContain("Bảng cân đối số phát sinh tháng 11/2026".ToUpperInvariant());

        // 300,000 ₫ on 28/11: less than the interest accrued since 22/11 (400,000,000 × 6 % × 6/365 = 394,521 ₫), all of it interest
        await Repaid(loan, 300_000, "2026-11-28");
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));

        (await MonthJson("2026-11")).ShouldBe(november, "the closed month's journal lines are unchanged");
        (await Download(archived.CsvLink!)).ShouldBe(csv);
        (await Download(archived.PdfLink!)).ShouldBe(pdf);
        (await Periods()).Months.Single(m => m.Month == "2026-11").TrialBalance.ShouldBe(archived);

        var adjusting = await Lines(l => l.LoanId == loan && l.BusinessDate == new LocalDate(2026, 11, 28));
        adjusting.Count.ShouldBe(2);
        adjusting.ShouldAllBe(l => l.IsAdjustment && l.PostingDate == new LocalDate(2026, 12, 1) && l.Month == "2026-12");
        adjusting.ShouldAllBe(l => l.Description.Contains("28/11/2026") && l.Description.Contains("11/2026"));
        adjusting.ShouldAllBe(l => l.EventType.Contains("repayment_recorded", StringComparison.OrdinalIgnoreCase)
                                   || l.EventType.Contains("RepaymentRecorded", StringComparison.Ordinal));
        adjusting.Select(l => (l.Account, l.Debit, l.Credit)).Order().ShouldBe(
            [(AccountingDefaults.Cash, 300_000L, 0L), (AccountingDefaults.InterestReceivable, 0L, 300_000L)]);

        var reconciled = await Reconciliation("2026-11-30");
        reconciled.WithInterest.ShouldBeTrue();
        var cash = reconciled.Rows.Single(r => r.Figure == ReconciledFigure.Cash);
        (cash.Journal, cash.Capital, cash.Explained, cash.Unexplained).ShouldBe((19_600_000_000L, 19_600_300_000L, 300_000L, 0L));
        var interest = reconciled.Rows.Single(r => r.Figure == ReconciledFigure.InterestOnBalance);
        (interest.Difference, interest.Explained, interest.Unexplained).ShouldBe((-300_000L, -300_000L, 0L));
        reconciled.Reconciled.ShouldBeTrue();
        (await Reconciliation("2026-12-02")).Rows.ShouldAllBe(r => r.Explained == 0 && r.Reconciled, "on 02/12 the adjusting entry is in the journal");
    }

    [Fact]
    public async Task a_close_whose_books_differ_from_the_capital_position_notifies_the_chief_accountants_naming_the_figure()
    {
        // The chief accountant moves the bank account to 1122 in a new setup without carrying the 1121 balance over: from then on
        // the reconciliation reads cash from 1122 (the mapping in force), which holds only what was posted after the change.
        var chief = await TokenFor(Roles.ChiefAccountant);
        var chart = AccountingDefaults.Chart.Accounts
            .Select(a => new { number = a.Number, name = a.Name, kind = a.Kind.ToString(), tracksObject = a.TracksObject })
            .Append(new { number = "1122", name = "Tiền gửi ngân hàng - tài khoản mới", kind = "Asset", tracksObject = false }).ToList();
        var mapping = AccountingDefaults.Mapping.Rules.Select(r => new
        {
            kind = r.Kind.ToString(), debit = r.Debit == AccountingDefaults.Cash ? "1122" : r.Debit,
            credit = r.Credit == AccountingDefaults.Cash ? "1122" : r.Credit,
        }).ToList();
        await Ok(Post("/api/accounting/setup", new { expectedVersion = 1, chart, mapping, reason = "Chuyển sang tài khoản ngân hàng mới." }, chief));
        var second = await CreateStaffUser("daklak.ketoantruong2", [Roles.ChiefAccountant]);
        await NovemberClosed();

        var archived = await ArchivedTrialBalance("2026-11");
        archived.ShouldNotBeNull();
        foreach (var user in new[] { UserName(FundA, Roles.ChiefAccountant), second })
        {
            var inbox = await (await Get("/api/notifications", await TokenForUser(user))).Read<NotificationPage>();
            var notice = inbox.Items.ShouldHaveSingleItem();
            notice.Title.ShouldBe("Sổ kế toán tháng 11/2026 chưa khớp với số liệu vốn");
            // 1122: the 400,000,000 disbursement only; the capital position: 20,000,000,000 − 400,000,000
            notice.Body.ShouldContain(
                "Tiền gửi ngân hàng (TK 1122): sổ kế toán -400.000.000 ₫, số liệu vốn 19.600.000.000 ₫, chênh lệch 20.000.000.000 ₫.");
            notice.Body.ShouldNotContain("Dư nợ gốc cho vay");
        }
        var others = await (await Get("/api/notifications", await TokenFor(Roles.Accountant))).Read<NotificationPage>();
        others.Items.ShouldBeEmpty("only the chief accountants are told");
    }
}
