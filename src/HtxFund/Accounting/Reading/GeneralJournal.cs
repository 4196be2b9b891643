using HtxFund.Accounting.Exports;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Accounting.Reading;

/// <summary>What the general journal is filtered by: the posting dates, an account (and its sub-accounts: "138" gives
/// 13881 and 13882), a voucher number, an accounting object.</summary>
public sealed record JournalFilter(BooksPeriod Period, string? Account = null, string? Voucher = null, Guid? ObjectId = null);

/// <summary>One page of the general journal with the number of lines and the debit and credit totals of the whole
/// filtered set (not only of the page).</summary>
public sealed record JournalPage(LocalDate From, LocalDate To, IReadOnlyList<JournalLine> Lines, int Page, int PageSize, long TotalLines,
    long TotalPages, long TotalDebit, long TotalCredit);

/// <summary>The general journal (sổ nhật ký chung): the journal lines in posting order.</summary>
public static class GeneralJournal
{
    /// <summary>The most lines one export carries (a longer journal is exported a shorter period at a time).</summary>
    public const int MaxExportLines = 100_000;

    public static IQueryable<JournalLine> Lines(IQuerySession session, JournalFilter filter)
    {
        var (from, to) = (filter.Period.FromDay, filter.Period.ToDay);
        var query = session.Query<JournalLine>().Where(x => x.PostingDay >= from && x.PostingDay <= to);
        if (!string.IsNullOrWhiteSpace(filter.Account))
        {
            var account = filter.Account.Trim();
            query = query.Where(x => x.Account.StartsWith(account));
        }
        if (!string.IsNullOrWhiteSpace(filter.Voucher))
        {
            var voucher = filter.Voucher.Trim().ToUpperInvariant();
            query = query.Where(x => x.VoucherNumber == voucher);
        }
        if (filter.ObjectId is { } objectId) query = query.Where(x => x.ObjectId == objectId);
        return query;
    }

    /// <summary>Posting date, voucher number, line number.</summary>
    public static IQueryable<JournalLine> Ordered(IQueryable<JournalLine> lines) =>
        lines.OrderBy(x => x.PostingDay).ThenBy(x => x.VoucherNumber).ThenBy(x => x.LineNo);

    public static async Task<JournalPage> PageAsync(IQuerySession session, JournalFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var lines = Lines(session, filter);
        var count = await lines.CountAsync(ct);
        var debit = count == 0 ? 0 : await lines.SumAsync(x => x.Debit, ct);
        var credit = count == 0 ? 0 : await lines.SumAsync(x => x.Credit, ct);
        var items = await Ordered(lines).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new JournalPage(filter.Period.From, filter.Period.To, items, page, pageSize, count, (long)Math.Ceiling(count / (double)pageSize),
            debit, credit);
    }

    /// <summary>The refusal of an export of more than <see cref="MaxExportLines"/> lines, or null.</summary>
    public static async Task<ProblemDetails?> TooLargeToExportAsync(IQuerySession session, JournalFilter filter, CancellationToken ct) =>
        await Lines(session, filter).CountAsync(ct) > MaxExportLines
            ? Problems.Unprocessable("journal.export_too_large",
                $"Sổ nhật ký chung của khoảng thời gian này có hơn {MaxExportLines:N0} dòng; hãy xuất từng khoảng ngắn hơn.")
            : null;

    public static async Task<IReadOnlyList<JournalLine>> AllAsync(IQuerySession session, JournalFilter filter, CancellationToken ct) =>
        await Ordered(Lines(session, filter)).ToListAsync(ct);

    /// <summary>The filter of a request, with the refusals of its fields in <paramref name="errors"/>.</summary>
    public static JournalFilter? Filter(string? from, string? to, string? account, string? voucher, Guid? objectId, LocalDate today,
        List<FieldError> errors)
    {
        var period = BooksQuery.Period(from, to, today, errors);
        if (!string.IsNullOrWhiteSpace(account) && !BooksQuery.IsAccountNumber(account.Trim()))
            errors.Add(new FieldError("account", "account.format", "Số hiệu tài khoản chỉ gồm chữ số (tối đa 10 chữ số)."));
        if (voucher is { Length: > 40 })
            errors.Add(new FieldError("voucher", "voucher.format", "Số chứng từ không quá 40 ký tự."));
        return period is null || errors.Count > 0 ? null : new JournalFilter(period, account, voucher, objectId);
    }
}

public static class GetJournalEndpoint
{
    /// <summary>The general journal (sổ nhật ký chung) of the caller's fund: the lines posted from <c>from</c> to <c>to</c>
    /// (posting dates, yyyy-MM-dd; default the current month, at most 10 years) ordered by posting date, voucher number and
    /// line number, optionally only of <c>account</c> (and its sub-accounts), <c>voucher</c> or the accounting object
    /// <c>objectId</c>; a page (<c>page</c>, <c>pageSize</c> ≤ 100) with the totals of the whole filtered set.
    /// <c>format</c>: json (default), csv or xlsx gives every filtered line as a file (docs/accounting.md).</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/journal", OperationId = "getGeneralJournal")]
    [Tags("Kế toán")]
    [ProducesResponseType<JournalPage>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Get(string? from, string? to, string? account, string? voucher, Guid? objectId, int? page, int? pageSize,
        string? format, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var filter = GeneralJournal.Filter(from, to, account, voucher, objectId, time.Today, errors);
        var (number, size) = Paging.Check(page, pageSize, errors);
        var wanted = BooksQuery.Format(format, [ReportFormat.Json, ReportFormat.Csv, ReportFormat.Xlsx], errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        if (wanted == ReportFormat.Json) return Results.Ok(await GeneralJournal.PageAsync(session, filter!, number, size, ct));

        if (await GeneralJournal.TooLargeToExportAsync(session, filter!, ct) is { } tooLarge) return Results.Problem(tooLarge);
        var lines = await GeneralJournal.AllAsync(session, filter!, ct);
        var fund = await BookFiles.FundNameAsync(session, ct);
        return BookFiles.Answer(BookTables.Journal(lines, filter!.Period, fund), wanted!.Value, BookFiles.Stem("so-nhat-ky-chung", filter.Period));
    }
}
