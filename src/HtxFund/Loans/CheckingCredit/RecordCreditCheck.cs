using System.Security.Claims;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.CheckingCredit;

/// <summary>The borrower's credit-check result (e.g. the CIC report number and date in <see cref="Source"/>), recorded
/// before the first disbursement (Decree 45/2021 Art 22.6). A later check supersedes an earlier one.</summary>
public sealed record RecordCreditCheck(long? Version, string? Result, string? Source, LocalDate? CheckedOn, string? Note)
{
    public RecordCreditCheck Normalised() => this with { Source = VietnameseText.Normalize(Source), Note = VietnameseText.Normalize(Note) };

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
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Accountant},{Roles.ChiefAccountant},{Roles.Director}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/credit-checks", OperationId = "recordCreditCheck")]
    [Tags("Giải ngân")]
    [ProducesResponseType<CreditCheckReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, RecordCreditCheck command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new RecordCreditCheck.Validator(time.Today));
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var loaded = await LoanAccess.ForWriteAsync(session, id, c.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (loaded.Loan.Stage == LoanStage.Closed) return Results.Problem(Repaying.RepaymentRules.LoanClosed(loaded.Loan));
        var recorded = Decide(c, loaded.Loan, Guid.CreateVersion7(), user.ToActor(), time.Now);
        loaded.Stream!.AppendOne(recorded);
        return Results.Created($"/api/loans/{id}", new CreditCheckReceipt(recorded.CheckId, recorded.Result, recorded.CheckedOn));
    }

    public static BorrowerCreditChecked Decide(RecordCreditCheck c, Loan loan, Guid checkId, Actor actor, Instant now) =>
        new(loan.Id, checkId, Enum.Parse<CreditCheckResult>(c.Result!, true), c.Source!, c.CheckedOn!.Value, c.Note ?? "", actor, now);
}
