using System.Security.Claims;
using FluentValidation;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace HtxFund.Classification.Running;

/// <summary>Run the classification of <paramref name="Month"/> (yyyy-MM, an ended month) for the caller's fund now.</summary>
public sealed record RunClassification(string? Month)
{
    public YearMonth? Parsed => ClassificationRunner.ParseMonth(Month?.Trim());

    public sealed class Validator : AbstractValidator<RunClassification>
    {
        public Validator(LocalDate today) =>
            RuleFor(x => x.Month).Cascade(CascadeMode.Stop)
                .Must((c, _) => c.Parsed is not null).Refuse("month.format", ClassificationRuns.MonthFormatMessage)
                .Must((c, _) => ClassificationRuns.LastDay(c.Parsed!.Value) < today).WithErrorCode("month.not_ended")
                .WithMessage(c => $"Tháng {ClassificationRuns.Format(c.Parsed!.Value)} chưa kết thúc: chỉ phân loại nợ cho tháng đã qua.");
    }
}

public static class RunClassificationEndpoint
{
    /// <summary>Runs (or resumes) the monthly classification of an ended month for the caller's fund and answers its
    /// results. The run is the same handler the monthly job uses (<see cref="ClassifyFundMonth"/>), in its own
    /// transactions batch by batch; running a completed month again changes nothing.</summary>
    [Authorize(Roles = $"{Roles.RiskCouncil},{Roles.ChiefAccountant},{Roles.Admin}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/classification-runs", OperationId = "runClassification")]
    [Tags("Phân loại nợ")]
    [ProducesResponseType<ClassificationRunView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<ClassificationRunView> Post(RunClassification command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session,
        CancellationToken ct)
    {
        var month = command.Parsed!.Value;
        await bus.InvokeAsync(new ClassifyFundMonth(user.FundId(), ClassificationRuns.Format(month), user.ToActor()), ct);
        return (await GetClassificationRunEndpoint.ViewAsync(session, month, ct))!;
    }
}
