using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.GettingDetails;

public sealed record ApplicationView(ApplicationDetails Application, ProcessingTimeView ProcessingTime);

public static class GetApplicationEndpoint
{
    /// <summary>The application file: request, documents, appraisal with schedule preview and limit checks, votes,
    /// decision, processing time and the full history. A cooperative sees only its own (others answer 404), without the
    /// fund's internal appraisal, limit checks and votes.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/applications/{id}", OperationId = "getApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType<ApplicationView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var details = await ApplicationAccess.ReadableAsync(session, id, user, ct);
        if (details is null) return Results.Problem(ApplicationAccess.NotFound(id));
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        return Results.Ok(new ApplicationView(user.IsCooperative() ? details.ForApplicant() : details,
            ProcessingTime.Of(details.CompleteFileDate, details.DecidedOn, details.Request.TermMonths, time.Today, policy)));
    }

    /// <summary>Downloads an attached document; only people who may see the application.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/applications/{id}/documents/{documentId}", OperationId = "downloadApplicationDocument")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetDocument(Guid id, Guid documentId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var details = await ApplicationAccess.ReadableAsync(session, id, user, ct);
        if (details is null || details.Documents.All(d => d.DocumentId != documentId)) return Results.Problem(DocumentNotFound());
        return await DownloadAsync(session, documentId, ct);
    }

    /// <summary>Downloads the decision letter (PDF) of a decided application. The letter is issued just after the decision
    /// commits: until then the answer is 404 <c>decision_letter.pending</c> (ask again shortly).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/applications/{id}/decision-letter", OperationId = "downloadDecisionLetter")]
    [Tags("Phê duyệt")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetDecisionLetter(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var details = await ApplicationAccess.ReadableAsync(session, id, user, ct);
        if (details?.Decision is not { } decision)
            return Results.Problem(Problems.NotFound("decision_letter.not_found", "Hồ sơ này chưa có quyết định hoặc thông báo."));
        if (decision.LetterFileId is not { } fileId)
            return Results.Problem(Problems.NotFound("decision_letter.pending",
                $"Văn bản số {decision.DecisionNumber} đang được lập; vui lòng tải lại sau ít phút."));
        return await DownloadAsync(session, fileId, ct);
    }

    private static async Task<IResult> DownloadAsync(IQuerySession session, Guid fileId, CancellationToken ct) =>
        await FileStore.LoadAsync(session, fileId, ct) is { } loaded ? FileStore.Download(loaded) : Results.Problem(DocumentNotFound());

    private static ProblemDetails DocumentNotFound() => Problems.NotFound("document.not_found", "Không tìm thấy tài liệu.");
}
