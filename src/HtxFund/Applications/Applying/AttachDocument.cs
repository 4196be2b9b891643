using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Applying;

public sealed record AttachedDocument(Guid DocumentId, string FileName, string ContentType, long SizeBytes, string Sha256, long Version);

public static class AttachDocumentEndpoint
{
    /// <summary>Attaches a document to a draft (or to an application returned for information): multipart/form-data
    /// with <c>file</c>, <c>kind</c> (BusinessPlan, FinancialStatements, CollateralPapers, Other) and <c>version</c>.
    /// PDF, JPEG or PNG only, recognised by content, not by name; stored with its SHA-256.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/documents", OperationId = "attachApplicationDocument")]
    [ReadsMultipartForm]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType<AttachedDocument>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(413)]
    public static async Task<IResult> Post(Guid id, HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, IConfiguration configuration, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem(Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Tài liệu phải được gửi dưới dạng multipart/form-data."));
        var form = await request.ReadFormAsync(ct);
        if (EnumText.Parse<DocumentKind>(form["kind"]) is not { } kind)
            return Results.Problem(Problems.Validation("kind", "document_kind.unknown",
                "Loại tài liệu phải là BusinessPlan, FinancialStatements, CollateralPapers hoặc Other."));
        long? version = long.TryParse(form["version"], out var v) ? v : null;

        var upload = await FileUpload.ReadAsync(form.Files.GetFile("file"), FileLimits.From(configuration), ct);
        if (upload.Refusal is { } refusal) return Results.Problem(refusal.ToProblem());

        var loaded = await ApplicationAccess.ForWriteAsync(session, id, version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (!loaded.Application.IsEditableByApplicant) return Results.Problem(ApplicationAccess.WrongState(loaded.Application, "đính kèm tài liệu"));
        if (loaded.Application.DocumentCount >= 30)
            return Results.Problem(Problems.Conflict("document.too_many", "Mỗi hồ sơ có tối đa 30 tài liệu."));

        var actor = user.ToActor();
        var stored = FileStore.Save(session, upload.Upload!, $"application:{id}", actor, time.Now);
        loaded.Stream!.AppendOne(new ApplicationDocumentAttached(id, stored.Id, kind, stored.FileName, stored.ContentType, stored.SizeBytes,
            stored.Sha256, actor, time.Now));
        return Results.Created($"/api/applications/{id}/documents/{stored.Id}",
            new AttachedDocument(stored.Id, stored.FileName, stored.ContentType, stored.SizeBytes, stored.Sha256, (loaded.Stream.CurrentVersion ?? 0) + 1));
    }
}
