using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.GettingDetails;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Collections;

/// <summary>A contact with the cooperative about the loan: by <see cref="Channel"/>, what came of it, a note, the day.</summary>
public sealed record LogCollectionContact(ContactChannel? Channel, ContactOutcome? Outcome, string? Note, LocalDate? ContactedOn)
{
    public sealed class Validator : AbstractValidator<LogCollectionContact>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Channel).NotNull().Refuse("channel.required", "Vui lòng chọn hình thức liên hệ (gọi điện, đến tận nơi, gửi thư…).")
                .IsInEnum().Refuse("channel.unknown", "Hình thức liên hệ không hợp lệ.");
            RuleFor(x => x.Outcome).NotNull().Refuse("outcome.required", "Vui lòng chọn kết quả liên hệ.")
                .IsInEnum().Refuse("outcome.unknown", "Kết quả liên hệ không hợp lệ.");
            RuleFor(x => x.Note).OptionalText("note", "ghi chú", TextLimits.Note);
            RuleFor(x => x.ContactedOn).PastDate("contacted_on", "ngày liên hệ", today);
        }
    }
}

public sealed record CollectionContactReceipt(Guid ContactId);

public static class LogCollectionContactEndpoint
{
    public static Guid CaseId(Guid id) => CollectionCase.StreamId(id);

    public static Task<LoanDetails?> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) => CollectionRules.LoanAsync(id, session, ct);

    public static ProblemDetails Validate(Guid id, LoanDetails? loan) => CollectionRules.Collectable(id, loan) ?? WolverineContinue.NoProblems;

    /// <summary>Logs a call, visit, letter, SMS or email to the cooperative about the loan and what came of it (on the
    /// loan's collection case, not its money stream: the loan's version does not move).</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/collections/contacts", OperationId = "logCollectionContact")]
    [Tags("Thu nợ")]
    [ProducesResponseType<CollectionContactReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(Guid id, LogCollectionContact command, LoanDetails? loan,
        [Aggregate(Required = false, FromMethod = nameof(CaseId))] CollectionCase? @case, ClaimsPrincipal user, Instant now)
    {
        var logged = Decide(command, id, Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}/collections", new CollectionContactReceipt(logged.ContactId)), [logged]);
    }

    public static CollectionContactLogged Decide(LogCollectionContact c, Guid loanId, Guid contactId, Actor by, Instant now) =>
        new(CollectionCase.StreamId(loanId), loanId, contactId, c.Channel!.Value, c.Outcome!.Value, VietnameseText.Normalize(c.Note),
            c.ContactedOn!.Value, by, now);
}
