using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Migration.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Migration.Uploading;

/// <summary>The uploaded workbook as the form sent it: its declared name and at most the limit plus one byte of it.</summary>
public sealed record LoanBookUpload(string? FileName, byte[] Content);

public static class UploadLoanBookEndpoint
{
    /// <summary>Reads the multipart form's <c>file</c>; refused (nothing stored) when the request is not a form or has no file.
    /// A file over the limit is read only up to the limit, and the reader refuses it.</summary>
    public static async Task<(ProblemDetails, LoanBookUpload?)> LoadAsync(HttpRequest request, LoanBookLimits limits, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return (Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Sổ cho vay phải được gửi dưới dạng multipart/form-data, trường file."), null);
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file)
            return (Problems.Validation("file", "file.required", "Vui lòng chọn tệp sổ cho vay (.xlsx)."), null);
        await using var stream = file.OpenReadStream();
        var buffer = new byte[(int)Math.Min(file.Length, limits.MaxBytes + 1)];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        return (WolverineContinue.NoProblems, new LoanBookUpload(file.FileName, read == buffer.Length ? buffer : buffer[..read]));
    }

    public static Task<LoanBookFundFacts> BeforeAsync([NotBody] LoanBookUpload upload, IQuerySession session, CancellationToken ct) =>
        LoanBookFundFacts.LoadAsync(session, ct);

    /// <summary>Uploads a loan book (multipart/form-data, field <c>file</c>: the workbook of
    /// <c>GET /api/loan-book/template.xlsx</c>) for its dry run: the file is read and every row checked, and the import is
    /// stored as <c>Checked</c> (with the summary of what confirming it would create) or <c>Refused</c> (with every
    /// refusal and the cell it concerns). Nothing is booked: a Checked import is booked by
    /// <c>POST /api/loan-book/imports/{id}/confirm</c>. The answer carries the first page of refusals. A file that is not a
    /// workbook (empty, not an xlsx, a broken package, over the size limit) is refused (400/413) and nothing is stored.</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [WolverinePost("/api/loan-book/imports", OperationId = "uploadLoanBook")]
    [ReadsMultipartForm]
    [RequireIdempotencyKey]
    [Tags("Nhập sổ cho vay")]
    [ProducesResponseType<LoanBookImportView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(415)]
    public static (IResult, IEnumerable<IMartenOp>) Post([NotBody] LoanBookUpload upload, [NotBody] LoanBookFundFacts facts,
        LoanBookLimits limits, ClaimsPrincipal user, Instant now)
    {
        var (import, file) = Decide(upload, facts, limits, user.ToActor(), now);
        // What is not a workbook at all (empty, not an xlsx, broken, too large) is answered as a refusal and stores nothing.
        if (file is null)
        {
            var refusal = import.Refusals[0];
            return (Results.Problem(Problems.Create(refusal.Code == LoanBookCodes.TooLarge ? 413 : 400, refusal.Code,
                "Tệp sổ cho vay không đọc được", refusal.Message)), []);
        }
        IEnumerable<IMartenOp> ops = [.. file.Operations(), MartenOps.Store(import)];
        return (Results.Created($"/api/loan-book/imports/{import.Id}", LoanBookImportView.Of(import, 1, LoanBookImportView.DefaultPageSize)), ops);
    }

    /// <summary>The dry run of an upload: the reading as a stored import, and the file to store when it opened as a workbook.</summary>
    public static (LoanBookImport Import, PreparedFile? File) Decide(LoanBookUpload upload, LoanBookFundFacts facts, LoanBookLimits limits,
        Actor actor, Instant now)
    {
        var reading = LoanBookReader.Read(upload.Content, facts, limits);
        var file = reading.IsWorkbook
            ? FileStore.Prepare(FileUpload.ReadWorkbook(upload.FileName, upload.Content), "loan-book", actor, now)
            : null;
        var import = new LoanBookImport
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()), FileId = file?.Metadata.Id ?? Guid.Empty,
            FileName = file?.Metadata.FileName ?? FileNames.Sanitise(upload.FileName, FileKind.Xlsx), Sha256 = reading.Sha256,
            TemplateVersion = reading.TemplateVersion ?? 0, CutOver = reading.CutOver,
            State = reading.IsChecked ? LoanBookImportState.Checked : LoanBookImportState.Refused,
            Refusals = reading.Refusals, Summary = reading.Summary, UploadedBy = actor.UserId, UploadedByName = actor.UserName, UploadedAt = now,
        };
        return (import, file);
    }
}
