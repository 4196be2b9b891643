using System.Security.Claims;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Appraising;

public sealed record ReturnForInformation(long? Version, string? Questions);

public static class ReturnForInformationEndpoint
{
    /// <summary>The credit officer sends a submitted or appraised application back to the applicant with what is missing.
    /// Votes already cast are voided (<c>BoardVotesVoided</c>); the board keeps the decision after the file comes back.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [WolverinePost("/api/applications/{id}/return", OperationId = "returnApplicationForInformation")]
    [Tags("Thẩm định")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, ReturnForInformation command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var questions = VietnameseText.Normalize(command.Questions);
        if (questions.Length is 0 or > TextLimits.Note)
            return Results.Problem(Problems.Validation("questions", "questions.required",
                $"Vui lòng nêu rõ thông tin cần bổ sung (tối đa {TextLimits.Note} ký tự)."));
        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (loaded.Application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.Appraised))
            return Results.Problem(ApplicationAccess.WrongState(loaded.Application, "trả lại hồ sơ"));
        var actor = user.ToActor();
        if (Decisions.VoidVotes(loaded.Application, "trả hồ sơ để bổ sung thông tin", actor, time.Now) is { } voided)
            loaded.Stream!.AppendOne(voided);
        loaded.Stream!.AppendOne(new ApplicationReturnedForInformation(id, questions, actor, time.Now, time.Today));
        return Results.NoContent();
    }
}
