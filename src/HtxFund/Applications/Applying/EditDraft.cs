using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Applying;

/// <summary>The applicant changes a draft, or an application returned for more information. Submission freezes it.</summary>
public sealed record EditDraft(long? Version, LoanRequestInput? Request);

public static class EditDraftEndpoint
{
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePut("/api/applications/{id}", OperationId = "editApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Put(Guid id, EditDraft command, ClaimsPrincipal user, IDocumentSession session, BusinessTime time,
        CancellationToken ct)
    {
        if (command.Request is null) return Results.Problem(Problems.Validation("request", "request.required", "Vui lòng nhập nội dung đề nghị vay."));
        var invalid = Validation.Check(command.Request, new LoanRequestInput.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (!loaded.Application.IsEditableByApplicant)
            return Results.Problem(ApplicationAccess.WrongState(loaded.Application, "sửa hồ sơ"));

        loaded.Stream!.AppendOne(new ApplicationDraftEdited(id, command.Request.ToRequest(), user.ToActor(), time.Now));
        return Results.NoContent();
    }
}
