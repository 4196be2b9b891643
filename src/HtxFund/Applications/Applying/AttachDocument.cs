using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

public sealed record AttachedDocument(Guid DocumentId, string FileName, string ContentType, long SizeBytes, string Sha256, long Version);

/// <summary>A document as the form sent it (<c>file</c>, <c>kind</c>, <c>version</c>), the file inspected by content;
/// <see cref="Refusal"/> when the form cannot be taken.</summary>
public sealed record DocumentUpload(DocumentKind Kind, long? Version, FileUpload? File, ProblemDetails? Refusal)
{
    public static DocumentUpload Refused(ProblemDetails refusal) => new(default, null, null, refusal);
}

public static class AttachDocumentEndpoint
{
    /// <summary>At most this many documents in one application.</summary>
    public const int MaxDocuments = 30;

    /// <summary>Reads the multipart form: the kind, the version and the file (PDF, JPEG or PNG, recognised by content).</summary>
    public static async Task<DocumentUpload> LoadAsync(HttpRequest request, IConfiguration configuration, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return DocumentUpload.Refused(Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Tài liệu phải được gửi dưới dạng multipart/form-data."));
        var form = await request.ReadFormAsync(ct);
        if (EnumText.Parse<DocumentKind>(form["kind"]) is not { } kind)
            return DocumentUpload.Refused(Problems.Validation("kind", "document_kind.unknown",
                "Loại tài liệu phải là BusinessPlan, FinancialStatements, CollateralPapers hoặc Other."));
        long? version = long.TryParse(form["version"], out var v) ? v : null;
        var upload = await FileUpload.ReadAsync(form.Files.GetFile("file"), FileLimits.From(configuration), ct);
        return upload.IsAccepted ? new(kind, version, upload.Upload, null) : DocumentUpload.Refused(upload.Refusal.ToProblem());
    }

    public static ProblemDetails Validate(Guid id, [NotBody] DocumentUpload upload, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user) =>
        upload.Refusal
        ?? ApplicationAccess.Writable(application, id, upload.Version, user, "đính kèm tài liệu", a => a.IsEditableByApplicant)
        ?? (application!.DocumentCount >= MaxDocuments
            ? Problems.Conflict("document.too_many", $"Mỗi hồ sơ có tối đa {MaxDocuments} tài liệu.")
            : WolverineContinue.NoProblems);

    /// <summary>Attaches a document to a draft (or to an application returned for information): multipart/form-data
    /// with <c>file</c>, <c>kind</c> (BusinessPlan, FinancialStatements, CollateralPapers, Other) and <c>version</c>.
    /// PDF, JPEG or PNG only, recognised by content, not by name; stored with its SHA-256.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/documents", OperationId = "attachApplicationDocument")]
    [ReadsMultipartForm]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType<AttachedDocument>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(415)]
    public static (IResult, Events, IEnumerable<IMartenOp>) Post(Guid id, [NotBody] DocumentUpload upload,
        [Aggregate(Required = false)] LoanApplication? application, ClaimsPrincipal user, Instant now)
    {
        var actor = user.ToActor();
        var file = FileStore.Prepare(upload.File!, $"application:{id}", actor, now);
        var stored = file.Ref;
        var attached = new ApplicationDocumentAttached(id, stored.Id, upload.Kind, stored.FileName, stored.ContentType, stored.SizeBytes,
            stored.Sha256, actor, now);
        return (Results.Created($"/api/applications/{id}/documents/{stored.Id}",
                new AttachedDocument(stored.Id, stored.FileName, stored.ContentType, stored.SizeBytes, stored.Sha256, application!.Version + 1)),
            [attached], file.Operations());
    }
}
