using HtxFund.Accounting.Exports;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending.Accounting;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Accounting.Reading;

/// <summary>One line of an account's ledger with the balance after it (debit − credit).</summary>
public sealed record LedgerLine(LocalDate PostingDate, LocalDate BusinessDate, string VoucherNumber, int LineNo, string Description,
    string CounterAccount, long Debit, long Credit, long Balance, Guid? ObjectId, string? ObjectName, string? ContractNumber, bool IsAdjustment,
    bool IsReversal);

/// <summary>
/// An account's ledger (sổ cái) over a period, or its detail for one accounting object (sổ chi tiết): the balance
/// brought forward, the lines with their counter account and running balance, the period's debits and credits and the
/// balance carried forward. Balances are debit − credit; the *Debit/*Credit pairs show them on the side they sit.
/// </summary>
public sealed record AccountLedgerReport(string Account, string Name, AccountKind Kind, LocalDate From, LocalDate To, long Opening,
    IReadOnlyList<LedgerLine> Lines, long PeriodDebit, long PeriodCredit, long Closing)
{
    public long OpeningDebit => Math.Max(Opening, 0);
    public long OpeningCredit => Math.Max(-Opening, 0);
    public long ClosingDebit => Math.Max(Closing, 0);
    public long ClosingCredit => Math.Max(-Closing, 0);
}

public static class AccountLedger
{
    /// <summary>The ledger of <paramref name="account"/> (only the lines of <paramref name="objectId"/> when given) over
    /// <paramref name="period"/>; <paramref name="movements"/> are the period's sums when already read.</summary>
    public static async Task<AccountLedgerReport> ComputeAsync(IQuerySession session, LedgerAccount account, BooksPeriod period,
        CancellationToken ct, Guid? objectId = null, IReadOnlyList<AccountMovement>? movements = null)
    {
        movements ??= await JournalSums.MovementsAsync(session, period.From, period.To, ct, objectId);
        var opening = movements.FirstOrDefault(m => m.Account == account.Number)?.Opening ?? 0;
        var (from, to, number) = (period.FromDay, period.ToDay, account.Number);
        var query = session.Query<JournalLine>().Where(x => x.Account == number && x.PostingDay >= from && x.PostingDay <= to);
        if (objectId is { } o) query = query.Where(x => x.ObjectId == o);
        var lines = await GeneralJournal.Ordered(query).ToListAsync(ct);

        var balance = opening;
        var ledger = new List<LedgerLine>(lines.Count);
        foreach (var l in lines)
        {
            balance += l.Debit - l.Credit;
            ledger.Add(new LedgerLine(l.PostingDate, l.BusinessDate, l.VoucherNumber, l.LineNo, l.Description, l.CounterAccount, l.Debit, l.Credit,
                balance, l.ObjectId, l.ObjectName, l.ContractNumber, l.IsAdjustment, l.IsReversal));
        }
        return new AccountLedgerReport(account.Number, account.Name, account.Kind, period.From, period.To, opening, ledger,
            lines.Sum(l => l.Debit), lines.Sum(l => l.Credit), balance);
    }

    /// <summary>The account of the chart in force, or one posted under an earlier setup (named by its number); null when the
    /// fund's books know no such account.</summary>
    public static async Task<LedgerAccount?> FindAsync(IQuerySession session, string account, CancellationToken ct)
    {
        if (!BooksQuery.IsAccountNumber(account)) return null;
        if ((await BooksQuery.ChartAsync(session, ct)).Find(account) is { } known) return known;
        return await session.Query<JournalLine>().AnyAsync(x => x.Account == account, ct)
            ? new LedgerAccount(account, account, AccountKind.Asset)
            : null;
    }

    public static ProblemDetails UnknownAccount(string account) =>
        Problems.NotFound("accounting.account_unknown", $"Tài khoản \"{account}\" không có trong hệ thống tài khoản của quỹ.");
}

public static class GetLedgerEndpoint
{
    /// <summary>The ledger (sổ cái) of <c>account</c> of the caller's fund from <c>from</c> to <c>to</c> (posting dates,
    /// yyyy-MM-dd; default the current month, at most 10 years): balance brought forward, every line with its voucher,
    /// description, counter account and running balance, the period's totals and the balance carried forward.
    /// <c>format</c>: json (default), csv, xlsx or pdf. An account the fund's chart does not know: 404.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/ledger/{account}", OperationId = "getAccountLedger")]
    [Tags("Kế toán")]
    [ProducesResponseType<AccountLedgerReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string account, string? from, string? to, string? format, IQuerySession session, BusinessTime time,
        IConfiguration configuration, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var period = BooksQuery.Period(from, to, time.Today, errors);
        var wanted = BooksQuery.Format(format, [ReportFormat.Json, ReportFormat.Csv, ReportFormat.Xlsx, ReportFormat.Pdf], errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        if (await AccountLedger.FindAsync(session, account, ct) is not { } found) return Results.Problem(AccountLedger.UnknownAccount(account));

        var ledger = await AccountLedger.ComputeAsync(session, found, period!, ct);
        if (wanted == ReportFormat.Json) return Results.Ok(ledger);
        var fund = await BookFiles.FundAsync(session, ct);
        var table = BookTables.Ledger(ledger, fund.Name);
        return BookFiles.Answer(table, wanted!.Value, BookFiles.Stem($"so-cai-{found.Number}", period!),
            () => BookPdf.Render(table, fund, configuration, time.Now));
    }
}
