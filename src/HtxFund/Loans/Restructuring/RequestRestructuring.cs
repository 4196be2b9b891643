using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Lending;
using HtxFund.Reference;
using Marten;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Restructuring;

public sealed record PlannedInstalmentInput(LocalDate? DueDate, long? Principal);

/// <summary>A request to restructure (Decree 45/2021 Art 27) from <see cref="Date"/>: all principal not yet repaid
/// goes onto <see cref="Plan"/> (the last date takes whatever the earlier ones do not).</summary>
public sealed record RequestRestructuring(long? Version, RestructuringKind? Kind, LocalDate? Date, IReadOnlyList<PlannedInstalmentInput>? Plan,
    string? Reason)
{
    /// <summary>The longest a new plan may run past its date: the longest term a fund policy allows (600 months).</summary>
    public static readonly Period LongestPlan = Period.FromMonths(600);

    public IReadOnlyList<PlannedInstalment> Instalments() => Plan!.Select(p => new PlannedInstalment(p.DueDate!.Value, p.Principal!.Value)).ToArray();

    public sealed class Validator : AbstractValidator<RequestRestructuring>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Kind).NotNull().Refuse("kind.required", "Vui lòng chọn điều chỉnh kỳ hạn trả nợ hoặc gia hạn nợ.")
                .IsInEnum().Refuse("kind.unknown", "Hình thức cơ cấu lại không hợp lệ.");
            RuleFor(x => x.Date).NotNull().Refuse("date.required", "Vui lòng nhập ngày cơ cấu lại.");
            RuleFor(x => x.Date).LoanStartDate("date", "ngày cơ cấu lại", today);
            RuleFor(x => x.Plan).NotEmpty().Refuse("plan.required", "Vui lòng nhập kế hoạch trả gốc mới (ít nhất một kỳ).");
            RuleFor(x => x.Plan).Must(p => p is null || p.Count <= 600).Refuse("plan.too_many", "Kế hoạch trả gốc mới có tối đa 600 kỳ.");
            RuleForEach(x => x.Plan).ChildRules(p =>
            {
                p.RuleFor(i => i.DueDate).NotNull().Refuse("plan.due_date.required", "Mỗi kỳ trả gốc cần có ngày đến hạn.");
                p.RuleFor(i => i.Principal).NotNull().Refuse("plan.principal.required", "Mỗi kỳ trả gốc cần có số tiền gốc.")
                    .GreaterThanOrEqualTo(0).Refuse("plan.principal.negative", "Số tiền gốc của một kỳ không được âm.")
                    .LessThanOrEqualTo(Capital.FundCapital.MaxAmount).Refuse("plan.principal.too_large", "Số tiền gốc của một kỳ không được vượt quá 10^15 đồng.");
            });
            RuleForEach(x => x.Plan).Must((x, i) => i?.DueDate is null || x.Date is null || (i.DueDate > x.Date && i.DueDate <= x.Date.Value.Plus(LongestPlan)))
                .Refuse("plan.due_date.out_of_range", "Mỗi kỳ trả gốc phải đến hạn sau ngày cơ cấu lại và không quá 50 năm sau ngày đó.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do cơ cấu lại", TextLimits.Note);
        }
    }
}

public sealed record RestructuringReceipt(Guid RestructuringId);

public static class RequestRestructuringEndpoint
{
    public static Task<LendingPolicy> LoadAsync(IDocumentSession session, CancellationToken ct) => RestructuringRules.PolicyAsync(session, ct);

    public static ProblemDetails Validate(Guid id, RequestRestructuring command, IEventStream<Loan> stream, Loan? loan, LendingPolicy policy, ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user)
            .Then(() => RestructuringRules.Request(loan!, command.Kind!.Value, command.Date!.Value, command.Instalments(), policy));

    /// <summary>A CreditOfficer requests a schedule adjustment (term unchanged) or an extension (past maturity) with the
    /// new principal plan. Nothing changes until a RiskCouncil member approves.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/restructurings", OperationId = "requestRestructuring")]
    [Tags("Cơ cấu lại thời hạn trả nợ")]
    [ProducesResponseType<RestructuringReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, RequestRestructuring command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user,
        Instant now)
    {
        var requested = Decide(command, id, Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}", new RestructuringReceipt(requested.RestructuringId)), [requested]);
    }

    /// <summary>The request of a command that passed the rules (its reason normalised).</summary>
    public static LoanRestructuringRequested Decide(RequestRestructuring c, Guid loanId, Guid restructuringId, Actor actor, Instant now) =>
        new(loanId, restructuringId, c.Kind!.Value, c.Date!.Value, c.Instalments(), VietnameseText.Normalize(c.Reason), actor, now);
}
