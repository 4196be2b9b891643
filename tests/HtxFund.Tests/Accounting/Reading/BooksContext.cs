using Alba;
using HtxFund.Accounting;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Marten.Events;
using NodaTime;

namespace HtxFund.Tests.Accounting.Reading;

/// <summary>Given-states for reading the books: fund A's charter capital (20,000,000,000 ₫ on 15/01/2026, from
/// <see cref="LoanContext"/>), a loan of the fixture's cooperative disbursed 150,000,000 ₫ on 22/11/2026 and repaid
/// 10,000,000 ₫ the same day (all principal: nothing is due yet), journalled by the asynchronous projection; or journal
/// lines written directly, for what needs many lines.</summary>
public abstract class BooksContext(AppFixture fixture) : LoanContext(fixture)
{
    public const string Borrower = "Hợp tác xã Nông nghiệp Cà phê Ea Tu";
    public const string Contract = "07/2026/HĐTD";
    public const long Charter = 20_000_000_000, Disbursement = 150_000_000, Repayment = 10_000_000;
    public const string FundAName = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk";
    public static readonly string[] Readers = [Roles.Accountant, Roles.ChiefAccountant, Roles.Director, Roles.Chairman];

    protected Guid LoanId { get; private set; }

    /// <summary>The contribution, the disbursement and the repayment through the API, then the journal caught up.</summary>
    protected async Task GivenAContributionADisbursementAndARepayment()
    {
        LoanId = await SignedLoan(400_000_000, number: Contract);
        await Disbursed(LoanId, Disbursement);
        var receipt = await Repaid(LoanId, Repayment, Today);
        receipt.Allocation.Principal.Dong.ShouldBe(Repayment, "nothing is due on the disbursement's day: all of it repays principal");
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
    }

    protected async Task<T> Books<T>(string url, string role = Roles.ChiefAccountant, string fund = FundA)
    {
        var result = await Get(url, await TokenFor(role, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<T>();
    }

    /// <summary>The file a books endpoint answers, checked for its content type.</summary>
    protected async Task<byte[]> BooksFile(string url, string contentType, string role = Roles.Accountant)
    {
        var result = await Get(url, await TokenFor(role));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        result.Context.Response.ContentType!.ShouldStartWith(contentType);
        using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        return stream.ToArray();
    }

    /// <summary>A posting written straight into <paramref name="fund"/>'s journal as the projection writes it: its debit line
    /// (line <paramref name="lineNo"/>) and its credit line.</summary>
    public static JournalLine[] Posting(string voucher, LocalDate date, string debit, string credit, long amount, Guid? objectId = null,
        string? objectName = null, int lineNo = 1, string description = "Giải ngân khoản vay", long sequence = 1)
    {
        var eventId = Guid.NewGuid();
        JournalLine Line(int no, string account, string counter, long d, long c) => new()
        {
            Id = $"{eventId:N}-{no:0000}", VoucherNumber = voucher, VoucherKind = VoucherKind.BankDebit, PostingDate = date,
            PostingDay = date.ToDateOnly().DayNumber, Month = date.ToString("yyyy-MM", null), BusinessDate = date, BusinessDay = date.ToDateOnly().DayNumber,
            LineNo = no, Kind = PostingKind.Disbursement, Account = account, CounterAccount = counter, Debit = d, Credit = c, Description = description,
            ObjectId = objectId, ObjectName = objectName, EventId = eventId, EventSequence = sequence, EventType = "tranche_disbursed", SetupVersion = 1,
        };
        return [Line(lineNo, debit, credit, amount, 0), Line(lineNo + 1, credit, debit, 0, amount)];
    }

    protected async Task Journalled(string fund, IEnumerable<JournalLine> lines)
    {
        await using var session = Store.LightweightSession(fund);
        session.Store(lines.ToArray());
        await session.SaveChangesAsync();
    }
}
