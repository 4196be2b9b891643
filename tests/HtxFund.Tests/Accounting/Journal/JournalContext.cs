using HtxFund.Accounting;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using HtxFund.Tests.Loans.Fixtures;
using Marten;
using Marten.Events;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>Given-states for the journal: <see cref="LoanContext"/> (fund A with 20,000,000,000 ₫ of charter capital received
/// on 15/01/2026, today 22/11/2026), and the journal read once the asynchronous projection has caught up.</summary>
public abstract class JournalContext(AppFixture fixture) : LoanContext(fixture)
{
    /// <summary>Every line of <paramref name="fund"/>'s journal, in the order posted (event sequence, line number), once the
    /// projection has caught up with every event appended so far.</summary>
    protected async Task<IReadOnlyList<JournalLine>> JournalLines(string fund = FundA)
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        await using var session = Store.QuerySession(fund);
        var lines = await session.Query<JournalLine>().ToListAsync();
        return lines.OrderBy(l => l.EventSequence).ThenBy(l => l.LineNo).ToList();
    }

    /// <summary>Capital of another source received (<c>/api/capital/other-sources</c>) or repaid (<c>…/repayments</c>) by the
    /// ChiefAccountant.</summary>
    protected async Task OtherCapital(string url, string kind, long amount, string valueDate, string? reason = null) =>
        await Ok(Post(url, new
        {
            kind, amount, source = "Quỹ hỗ trợ phát triển HTX Việt Nam", decisionNumber = "88/HĐUT", decisionDate = "2026-01-05", valueDate, reason,
        }, await TokenFor(Roles.ChiefAccountant)));

    /// <summary>The lines of one voucher, in order.</summary>
    protected static IReadOnlyList<JournalLine> Voucher(IEnumerable<JournalLine> lines, string number) =>
        lines.Where(l => l.VoucherNumber == number).OrderBy(l => l.LineNo).ToList();

    /// <summary>A line as "account D/C amount kind", what the hand-computed expectations are written in.</summary>
    protected static string Show(JournalLine l) =>
        $"{l.Account} {(l.Debit > 0 ? "D" : "C")} {Math.Max(l.Debit, l.Credit)} {l.Kind}{(l.IsReversal ? " reversal" : "")}";

    /// <summary>Every voucher's debits equal its credits, and no line is empty or on both sides.</summary>
    protected static void EveryVoucherBalances(IEnumerable<JournalLine> lines)
    {
        foreach (var voucher in lines.GroupBy(l => l.VoucherNumber))
        {
            voucher.Sum(l => l.Debit).ShouldBe(voucher.Sum(l => l.Credit), $"voucher {voucher.Key}");
            voucher.ShouldAllBe(l => (l.Debit > 0) != (l.Credit > 0));
        }
    }

    /// <summary>The balance (debit − credit) of <paramref name="account"/> over the lines posted on or before <paramref name="asOf"/>.</summary>
    protected static long Balance(IEnumerable<JournalLine> lines, string account, NodaTime.LocalDate asOf) =>
        lines.Where(l => l.Account == account && l.PostingDate <= asOf).Sum(l => l.Debit - l.Credit);
}
