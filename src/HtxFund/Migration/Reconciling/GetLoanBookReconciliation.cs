using System.Text;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Migration.Booking;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Migration.Reconciling;

public static class GetLoanBookReconciliationEndpoint
{
    public const string ReadRoles = $"{Roles.Accountant},{Roles.ChiefAccountant},{Roles.Director}";

    public static ProblemDetails NotBooked(LoanBookImport import) => Problems.Conflict("loan_book.not_booked",
        $"Tệp «{import.FileName}» chưa được xác nhận nhập: chưa có đối chiếu.");

    /// <summary>The booked import's reconciliation, or the refusal (404 for an import of another fund or none, 409 before booking).</summary>
    public static async Task<(LoanBookReconciliation? Reconciliation, ProblemDetails? Refusal, LoanBookImport? Import)> ReadAsync(Guid id,
        IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<LoanBookImport>(id, ct) is not { } import) return (null, LoanBookConfirmationRules.NotFound(id), null);
        return import.Reconciliation is { } r ? (r, null, import) : (null, NotBooked(import), import);
    }

    /// <summary>The file's figures at the cut-over beside the fund's: the totals and each loan that differs.</summary>
    [Authorize(Roles = ReadRoles)]
    [WolverineGet("/api/loan-book/imports/{id}/reconciliation", OperationId = "getLoanBookReconciliation")]
    [Tags("Nhập sổ cho vay")]
    [EndpointSummary("Đối chiếu sổ cho vay đã nhập")]
    [EndpointDescription("Dư nợ gốc, lãi phải thu và nhóm nợ tại ngày chuyển đổi theo tệp và theo quỹ: tổng cộng và từng khoản vay chênh lệch.")]
    [ProducesResponseType<LoanBookReconciliation>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var (reconciliation, refusal, _) = await ReadAsync(id, session, ct);
        return refusal is not null ? Results.Problem(refusal) : Results.Ok(reconciliation);
    }

    /// <summary>The same as CSV for a spreadsheet (UTF-8 with BOM, semicolons, whole đồng): the totals line, then each difference.</summary>
    [Authorize(Roles = ReadRoles)]
    [WolverineGet("/api/loan-book/imports/{id}/reconciliation.csv", OperationId = "exportLoanBookReconciliation")]
    [Tags("Nhập sổ cho vay")]
    [EndpointSummary("Đối chiếu sổ cho vay (CSV)")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Csv(Guid id, IQuerySession session, CancellationToken ct)
    {
        var (r, refusal, import) = await ReadAsync(id, session, ct);
        if (refusal is not null) return Results.Problem(refusal);
        return Results.File(CsvText.Utf8WithBom(ToCsv(r!)), "text/csv; charset=utf-8", $"doi-chieu-so-vay-{import!.Id:N}.csv");
    }

    public static string ToCsv(LoanBookReconciliation r)
    {
        var csv = new StringBuilder();
        csv.Append("Số hợp đồng;Dòng;Dư nợ gốc theo tệp;Dư nợ gốc theo quỹ;Lãi phải thu theo tệp;Lãi phải thu theo quỹ;Nhóm nợ theo tệp;Nhóm nợ theo quỹ\r\n");
        csv.AppendJoin(';', CsvText.Cell($"Tổng cộng ({r.Loans} khoản vay)"), "", r.FilePrincipalOutstanding, r.FundPrincipalOutstanding,
            r.FileInterestOwed, r.FundInterestOwed, "", "").Append("\r\n");
        foreach (var d in r.Differences)
            csv.AppendJoin(';', CsvText.Cell(d.ContractNumber), d.Row, d.FilePrincipalOutstanding, d.FundPrincipalOutstanding, d.FileInterestOwed,
                d.FundInterestOwed, (int)d.FileDebtGroup, (int)d.FundDebtGroup).Append("\r\n");
        return csv.ToString();
    }
}
