using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace HtxFund.Loans.Officers;

/// <summary>The Director gives one submitted application or loan to another credit officer, with a reason.
/// <see cref="Version"/> (optional) is the stream version the Director saw.</summary>
public sealed record ReassignOfficer(Guid? ToOfficerId, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ReassignOfficer>
    {
        public Validator()
        {
            RuleFor(x => x.ToOfficerId).Must(id => id is { } g && g != Guid.Empty)
                .Refuse("to_officer.required", "Vui lòng chọn cán bộ tín dụng nhận khoản vay.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do giao lại", TextLimits.Note);
        }
    }
}

/// <summary>What the rules read besides the stream: the application's status and the target user.</summary>
public sealed record ReassignmentReads(ApplicationStatus? Status, UserAccount? Target);

public static class ReassignOfficerEndpoint
{
    public static async Task<ReassignmentReads> LoadAsync(Guid id, ReassignOfficer command, IDocumentSession session, CancellationToken ct) =>
        new((await session.LoadAsync<ApplicationDetails>(id, ct))?.Status, await OfficerTransferRules.UserAsync(session, command.ToOfficerId, ct));

    public static ProblemDetails Validate(Guid id, ReassignOfficer command, IEventStream<Loan> stream, ReassignmentReads reads, ClaimsPrincipal user) =>
        stream.Aggregate is not { } loan || reads.Status is not { } status || !user.MaySee(loan.CooperativeId) ? LoanAccess.NotFound(id)
        : StreamVersions.Check(command.Version, stream.CurrentVersion, required: false, "loan", "khoản vay")
          ?? OfficerTransferRules.Target(reads.Target, user.FundId())
          ?? OfficerTransferRules.Transfer(loan, status, command.ToOfficerId!.Value)
          ?? WolverineContinue.NoProblems;

    /// <summary>Gives a submitted application or a loan (the same stream) to another active credit officer of the fund, with
    /// a reason kept in the loan's history (<see cref="ResponsibleOfficerReassigned"/>). Refused for a draft, a rejected or
    /// withdrawn application, a closed loan, a target that is no active credit officer of the fund, or the officer already
    /// responsible; another fund's loan is not found.</summary>
    [Authorize(Roles = Roles.Director)]
    [WolverinePost("/api/loans/{id}/officer", OperationId = "reassignLoanOfficer")]
    [Tags("Cán bộ tín dụng phụ trách")]
    [ProducesResponseType<OfficerTransferReceipt>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, ReassignOfficer command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ReassignmentReads reads, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var transferId = Guid.CreateVersion7();
        var reassigned = OfficerTransferRules.Reassigned(loan!, transferId, reads.Target!, VietnameseText.Normalize(command.Reason), user.ToActor(), now, today);
        return (Results.Ok(new OfficerTransferReceipt(transferId, reads.Target!.Id, [id])), [reassigned]);
    }
}
