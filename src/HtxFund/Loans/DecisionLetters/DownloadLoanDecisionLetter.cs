using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans.DecisionLetters;

public static class DownloadLoanDecisionLetterEndpoint
{
    /// <summary>Downloads the decision letter (PDF) of an approved restructuring or interest waiver of the loan
    /// (<paramref name="decisionId"/> is the restructuring or waiver id). The letter is issued just after the approval
    /// commits: until then the answer is 404 <c>decision_letter.pending</c> (ask again shortly). A cooperative reads only
    /// its own loans' letters.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans/{id}/decision-letters/{decisionId}", OperationId = "downloadLoanDecisionLetter")]
    [EndpointSummary("Quyết định cơ cấu lại nợ hoặc miễn, giảm lãi (PDF)")]
    [Tags("Cơ cấu lại thời hạn trả nợ")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, Guid decisionId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var details = await LoanAccess.ReadableAsync(session, id, user, ct);
        var restructuring = details?.Restructurings.FirstOrDefault(r => r.RestructuringId == decisionId);
        var waiver = details?.Waivers.FirstOrDefault(w => w.WaiverId == decisionId);
        var approved = restructuring?.State == RestructuringState.Approved || waiver?.State == WaiverState.Approved;
        if (!approved)
            return Results.Problem(Problems.NotFound("decision_letter.not_found", "Không có quyết định cơ cấu lại nợ hoặc miễn, giảm lãi nào như vậy."));
        if ((restructuring?.LetterFileId ?? waiver?.LetterFileId) is not { } fileId)
            return Results.Problem(Problems.NotFound("decision_letter.pending", "Quyết định đang được lập; vui lòng tải lại sau ít phút."));
        return await FileStore.LoadAsync(session, fileId, ct) is { } loaded
            ? FileStore.Download(loaded)
            : Results.Problem(Problems.NotFound("document.not_found", "Không tìm thấy tài liệu."));
    }
}
