using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.CheckingCredit;

/// <summary>The borrower's credit-check result (e.g. the CIC report number and date in <see cref="Source"/>), recorded
/// before the first disbursement (Decree 45/2021 Art 22.6). A later check supersedes an earlier one.</summary>
public sealed record RecordCreditCheck(long? Version, string? Result, string? Source, LocalDate? CheckedOn, string? Note)
{
    public sealed class Validator : AbstractValidator<RecordCreditCheck>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Result).Must(r => EnumText.Parse<CreditCheckResult>(r) is not null)
                .Refuse("result.unknown", "Kết quả kiểm tra phải là NoBadDebt (không có nợ xấu) hoặc HasBadDebt (có nợ xấu).");
            RuleFor(x => x.Source).RequiredText("source", "nguồn kiểm tra (số, ngày báo cáo CIC)", TextLimits.Name);
            RuleFor(x => x.CheckedOn).PastDate("checked_on", "ngày kiểm tra", today);
            RuleFor(x => x.Note).OptionalText("note", "ghi chú", TextLimits.Note);
        }
    }
}

public sealed record CreditCheckReceipt(Guid CheckId, CreditCheckResult Result, LocalDate CheckedOn);

public static class RecordCreditCheckEndpoint
{
    public static ProblemDetails Validate(Guid id, RecordCreditCheck command, IEventStream<Loan> stream, Loan? loan, ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user).Then(() => LoanAccess.RefuseIfClosed(loan!));

    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Accountant},{Roles.ChiefAccountant},{Roles.Director}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/credit-checks", OperationId = "recordCreditCheck")]
    [Tags("Giải ngân")]
    [ProducesResponseType<CreditCheckReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(Guid id, RecordCreditCheck command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user,
        Instant now)
    {
        var recorded = Decide(command, loan!, Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}", new CreditCheckReceipt(recorded.CheckId, recorded.Result, recorded.CheckedOn)), [recorded]);
    }

    /// <summary>The check recorded by a command that passed the rules (its texts normalised).</summary>
    public static BorrowerCreditChecked Decide(RecordCreditCheck c, Loan loan, Guid checkId, Actor actor, Instant now) =>
        new(loan.Id, checkId, EnumText.Parse<CreditCheckResult>(c.Result)!.Value, VietnameseText.Normalize(c.Source), c.CheckedOn!.Value,
            VietnameseText.Normalize(c.Note), actor, now);
}
