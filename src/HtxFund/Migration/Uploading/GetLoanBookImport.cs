using System.Text;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Migration.Uploading;

/// <summary>An import with one page of its refusals (<see cref="RefusalCount"/> in all).</summary>
public sealed record LoanBookImportView(LoanBookImport Import, int RefusalCount, int Page, int PageSize)
{
    public const int DefaultPageSize = 50, MaxPageSize = 500;

    public int PageCount => Math.Max(1, (RefusalCount + PageSize - 1) / PageSize);

    public static LoanBookImportView Of(LoanBookImport import, int page, int pageSize) =>
        new(import with { Refusals = [.. import.Refusals.Skip((page - 1) * pageSize).Take(pageSize)] }, import.Refusals.Count, page, pageSize);
}

/// <summary>An import in the list: no refusals, only their number.</summary>
public sealed record LoanBookImportItem(Guid Id, string FileName, LoanBookImportState State, LocalDate? CutOver, int RefusalCount,
    LoanBookSummary? Summary, string UploadedByName, Instant UploadedAt, string? BookedByName, Instant? BookedAt);

public static class LoanBookImportEndpoints
{
    public const string Roles = $"{Identity.Roles.Accountant},{Identity.Roles.ChiefAccountant}";
    public const int ListSize = 100;

    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("loan_book.import_not_found", $"Không tìm thấy lần nhập sổ cho vay {id}.");

    /// <summary>The fund's loan book imports, newest first (at most 100), with their state, summary and number of refusals.</summary>
    [Authorize(Roles = Roles)]
    [WolverineGet("/api/loan-book/imports", OperationId = "listLoanBookImports")]
    [Tags("Nhập sổ cho vay")]
    [ProducesResponseType<IReadOnlyList<LoanBookImportItem>>(200)]
    public static async Task<IReadOnlyList<LoanBookImportItem>> List(IQuerySession session, CancellationToken ct)
    {
        var imports = await session.Query<LoanBookImport>().OrderByDescending(i => i.UploadedAt).Take(ListSize).ToListAsync(ct);
        return [.. imports.Select(i => new LoanBookImportItem(i.Id, i.FileName, i.State, i.CutOver, i.Refusals.Count, i.Summary,
            i.UploadedByName, i.UploadedAt, i.BookedByName, i.BookedAt))];
    }

    /// <summary>One import: its state, summary (and reconciliation once booked) and a page of its refusals
    /// (<c>page</c> from 1, <c>pageSize</c> 1–500, 50 by default).</summary>
    [Authorize(Roles = Roles)]
    [WolverineGet("/api/loan-book/imports/{id}", OperationId = "getLoanBookImport")]
    [Tags("Nhập sổ cho vay")]
    [ProducesResponseType<LoanBookImportView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        if (page is < 1 or > 1_000_000)
            return Results.Problem(Problems.Validation("page", "page.out_of_range", "Trang phải từ 1 đến 1.000.000."));
        if (pageSize is < 1 or > LoanBookImportView.MaxPageSize)
            return Results.Problem(Problems.Validation("pageSize", "page_size.out_of_range", $"Số dòng mỗi trang từ 1 đến {LoanBookImportView.MaxPageSize}."));
        return await session.LoadAsync<LoanBookImport>(id, ct) is { } import
            ? Results.Ok(LoanBookImportView.Of(import, page ?? 1, pageSize ?? LoanBookImportView.DefaultPageSize))
            : Results.Problem(NotFound(id));
    }

    /// <summary>Every refusal of an import as CSV (UTF-8 with BOM, ';'): sheet, row, column, cell, code, message.</summary>
    [Authorize(Roles = Roles)]
    [WolverineGet("/api/loan-book/imports/{id}/refusals.csv", OperationId = "exportLoanBookRefusals")]
    [Tags("Nhập sổ cho vay")]
    [Produces("text/csv")]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Csv(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<LoanBookImport>(id, ct) is not { } import) return Results.Problem(NotFound(id));
        return Results.File(RefusalsCsv(import.Refusals), "text/csv; charset=utf-8", $"tu-choi-so-cho-vay-{import.UploadedAt.ToDateTimeUtc():yyyyMMdd-HHmm}.csv");
    }

    public static byte[] RefusalsCsv(IEnumerable<RowRefusal> refusals)
    {
        var csv = new StringBuilder("Trang tính;Dòng;Cột;Ô;Mã;Nội dung\r\n");
        foreach (var r in refusals)
            csv.AppendJoin(';', CsvText.Cell(r.At.Sheet), r.At.Row, CsvText.Cell(r.At.Column ?? ""), CsvText.Cell(r.At.Cell ?? ""),
                CsvText.Cell(r.Code), CsvText.Cell(r.Message)).Append("\r\n");
        return CsvText.Utf8WithBom(csv.ToString());
    }
}
