using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Migration.Reconciling;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Migration.Booking;

/// <summary>The pure rules of confirming an import: only a checked one, and never by the person who uploaded it.</summary>
public static class LoanBookConfirmationRules
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("loan_book.import_not_found", $"Không tìm thấy lần nhập sổ cho vay {id}.");

    public static ProblemDetails? Check(LoanBookImport import, Guid confirmingUser) => import.State switch
    {
        LoanBookImportState.Booked => Problems.Conflict("loan_book.already_booked",
            $"Tệp «{import.FileName}» đã được nhập vào sổ ngày {import.BookedAt?.ToString("dd/MM/yyyy", null) ?? ""} bởi {import.BookedByName}."),
        LoanBookImportState.Refused => Problems.Conflict("loan_book.not_checked",
            "Tệp này có dòng bị từ chối khi kiểm tra: sửa tệp và tải lên lại trước khi xác nhận nhập."),
        _ when import.UploadedBy == confirmingUser => Problems.Forbidden("loan_book.four_eyes",
            "Người xác nhận nhập sổ phải khác người đã tải tệp lên (nguyên tắc bốn mắt)."),
        _ => null,
    };

    public static ProblemDetails FileUnreadable(LoanBookImport import) => Problems.Conflict("loan_book.file_unreadable",
        $"Không đọc lại được tệp «{import.FileName}» đã tải lên (tệp bị xóa hoặc đã thay đổi): vui lòng tải tệp lên lại.");

    public static ProblemDetails Refused(IReadOnlyList<BookingRefusal> refusals) => Problems.Unprocessable("loan_book.booking_refused",
        $"Có {refusals.Count} khoản vay không ghi sổ được theo quy tắc của quỹ: chưa nhập khoản vay nào.",
        new Dictionary<string, object?> { ["refusals"] = refusals });

    public static ProblemDetails Concurrent() => Problems.Conflict("loan_book.booking_running",
        "Một lần xác nhận khác của tệp này đang ghi sổ cùng lúc: vui lòng tải lại trang để xem kết quả.");
}

public static class ConfirmLoanBookImportEndpoint
{
    public static async Task<(ProblemDetails, LoanBookImport?)> LoadAsync(Guid id, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<LoanBookImport>(id, ct) is { } import
            ? (WolverineContinue.NoProblems, import)
            : (LoanBookConfirmationRules.NotFound(id), null);

    public static ProblemDetails Validate([NotBody] LoanBookImport import, ClaimsPrincipal user) =>
        LoanBookConfirmationRules.Check(import, user.ToActor().UserId) ?? WolverineContinue.NoProblems;

    /// <summary>Books a checked loan book (ChiefAccountant, not the uploader): cooperatives and members new by tax code,
    /// every loan as an ordinary stream beginning with its migration marker, collateral registered and pledged, in batches;
    /// then reconciles each loan's figures at the cut-over with the file's and stores the import as Booked. Loans booked
    /// before from the same file are skipped (<c>loansSkipped</c>).</summary>
    [Authorize(Roles = Roles.ChiefAccountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loan-book/imports/{id}/confirm", OperationId = "confirmLoanBookImport")]
    [Tags("Nhập sổ cho vay")]
    [EndpointSummary("Xác nhận nhập sổ cho vay")]
    [EndpointDescription("Ghi sổ một tệp đã kiểm tra: hợp tác xã, thành viên, khoản vay (luồng sự kiện thông thường bắt đầu bằng LoanMigrated), tài sản bảo đảm; sau đó đối chiếu số liệu tại ngày chuyển đổi. Người xác nhận phải khác người tải tệp lên.")]
    [ProducesResponseType<LoanBookImport>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<(IResult, IMartenOp)> Post(Guid id, [NotBody] LoanBookImport import, ClaimsPrincipal user, ILoanBookSource source,
        IDocumentSession session, IDocumentStore store, Instant now, CancellationToken ct)
    {
        var fund = user.FundId();
        var actor = user.ToActor();
        if (await source.ReadAsync(import, session, ct) is not { } file || file.Sha256 != import.Sha256)
            return (Results.Problem(LoanBookConfirmationRules.FileUnreadable(import)), MartenOps.Nothing());
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var context = new BookingContext(fund, import.Id, import.Sha256, import.FileName, file.CutOver, actor, now, policy);
        var plan = LoanBookPlanner.Plan(file, await LoanBookWriter.HoldingsAsync(session, file, fund, ct), context);
        if (plan.Refusals.Count > 0) return (Results.Problem(LoanBookConfirmationRules.Refused(plan.Refusals)), MartenOps.Nothing());
        try
        {
            await LoanBookWriter.WriteAsync(store, fund, plan, ct);
        }
        catch (Exception e) when (Infrastructure.Database.StreamConflicts.IsConflict(e))
        {
            return (Results.Problem(LoanBookConfirmationRules.Concurrent()), MartenOps.Nothing());
        }
        var reconciliation = await LoanBookReconciler.ReconcileAsync(store, fund, file, context.Policy, ct);
        var booked = import with
        {
            State = LoanBookImportState.Booked, BookedBy = actor.UserId, BookedByName = actor.UserName, BookedAt = now,
            LoansBooked = plan.Loans.Count, LoansSkipped = plan.Skipped.Count, Reconciliation = reconciliation,
        };
        return (Results.Ok(booked), MartenOps.Store(booked));
    }
}
