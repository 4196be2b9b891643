using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending.Rating;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Plans;

/// <summary>The plan figures of a year as the fund enters them (see <see cref="AnnualPlanFigures"/>) and the version
/// being edited (0 for a new plan): a stale version is refused with the current one.</summary>
public sealed record EnterAnnualPlan(
    long? OutstandingPrincipalTarget,
    decimal? NplRatioPercentMax,
    long? FinancialResultTarget,
    string? Compliance,
    string? ApprovalReference,
    string? Note,
    int? ExpectedVersion)
{
    public const long MaxAmount = Capital.FundCapital.MaxAmount;

    public EnterAnnualPlan Normalised() => this with
    {
        ApprovalReference = string.IsNullOrWhiteSpace(ApprovalReference) ? null : VietnameseText.Normalize(ApprovalReference),
        Note = string.IsNullOrWhiteSpace(Note) ? null : VietnameseText.Normalize(Note),
    };

    public sealed class Validator : AbstractValidator<EnterAnnualPlan>
    {
        public Validator(int year, LocalDate today)
        {
            RuleFor(x => x).Must(_ => year >= 2000 && year <= today.Year + 1)
                .Refuse("year.out_of_range", $"Năm kế hoạch phải từ 2000 đến {today.Year + 1}.").OverridePropertyName("year");
            RuleFor(x => x.OutstandingPrincipalTarget).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("outstanding_principal_target.required", "Vui lòng nhập dư nợ cho vay kế hoạch cuối năm.")
                .InclusiveBetween(0, MaxAmount).Refuse("outstanding_principal_target.out_of_range",
                    "Dư nợ cho vay kế hoạch phải từ 0 đến 10^15 đồng.");
            RuleFor(x => x.NplRatioPercentMax).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("npl_ratio_percent_max.required", "Vui lòng nhập tỷ lệ nợ xấu kế hoạch (%).")
                .InclusiveBetween(0m, 100m).Refuse("npl_ratio_percent_max.out_of_range", "Tỷ lệ nợ xấu kế hoạch phải từ 0 đến 100 %.");
            RuleFor(x => x.FinancialResultTarget).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("financial_result_target.required", "Vui lòng nhập kết quả tài chính (chênh lệch thu chi) kế hoạch.")
                .InclusiveBetween(-MaxAmount, MaxAmount).Refuse("financial_result_target.out_of_range",
                    "Kết quả tài chính kế hoạch phải từ -10^15 đến 10^15 đồng.");
            RuleFor(x => x.Compliance).Must(c => EnumText.Parse<ComplianceFinding>(c) is not null)
                .When(x => !string.IsNullOrWhiteSpace(x.Compliance))
                .Refuse("compliance.unknown", "Kết quả chấp hành pháp luật phải là NoViolation, ViolationsRemedied hoặc ViolationsSanctioned.");
            RuleFor(x => x.ApprovalReference).OptionalText("approval_reference", "số quyết định phê duyệt kế hoạch", TextLimits.Reference);
            RuleFor(x => x.Note).OptionalText("note", "ghi chú", TextLimits.Note);
            RuleFor(x => x.ExpectedVersion).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("expected_version.required", "Vui lòng gửi số phiên bản kế hoạch đang sửa (0 khi nhập mới).")
                .GreaterThanOrEqualTo(0).Refuse("expected_version.invalid", "Số phiên bản không được âm.");
        }
    }
}

public static class EnterAnnualPlanEndpoint
{
    /// <summary>Enters (expectedVersion 0) or changes the plan of <c>year</c> for the caller's fund: the four KPI
    /// targets of the fund rating. Each change is a new version with who and when.</summary>
    [Authorize(Roles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [WolverinePut("/api/annual-plans/{year}", OperationId = "enterAnnualPlan")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<AnnualPlan>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Put(int year, EnterAnnualPlan command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var normalised = command.Normalised();
        var invalid = Validation.Check(normalised, new EnterAnnualPlan.Validator(year, time.Today));
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);

        var stream = await session.Events.FetchForWriting<AnnualPlan>(AnnualPlans.StreamId(year), ct);
        var decision = Decide(year, normalised, stream.Aggregate, user.ToActor(), time.Now);
        if (decision.Refusal is not null) return Results.Problem(decision.Refusal);
        stream.AppendOne(decision.Entered!);
        return Results.Ok((stream.Aggregate ?? new AnnualPlan()).Apply(decision.Entered!));
    }

    public sealed record Decision(ProblemDetails? Refusal, AnnualPlanEntered? Entered);

    /// <summary>The pure decision over a validated, normalised command and the plan in force (null: none yet).</summary>
    public static Decision Decide(int year, EnterAnnualPlan c, AnnualPlan? current, Actor by, Instant now)
    {
        var version = current?.Version ?? 0;
        if (c.ExpectedVersion != version)
            return new(Problems.Conflict("annual_plan.version_conflict",
                version == 0
                    ? $"Chưa có kế hoạch năm {year}: gửi phiên bản 0 để nhập mới."
                    : $"Kế hoạch năm {year} đã ở phiên bản {version} trong khi bạn sửa phiên bản {c.ExpectedVersion}. Vui lòng tải lại và thử lại.",
                new Dictionary<string, object?> { ["currentVersion"] = version }), null);
        var figures = new AnnualPlanFigures(c.OutstandingPrincipalTarget!.Value, c.NplRatioPercentMax!.Value, c.FinancialResultTarget!.Value,
            EnumText.Parse<ComplianceFinding>(c.Compliance) ?? ComplianceFinding.NoViolation, c.ApprovalReference);
        if (current is not null && AnnualPlans.Changes(current.Figures, figures).Count == 0)
            return new(Problems.Unprocessable("annual_plan.unchanged",
                $"Các chỉ tiêu gửi lên giống hệt phiên bản {version} của kế hoạch năm {year}: không có gì để cập nhật."), null);
        return new(null, new AnnualPlanEntered(AnnualPlans.StreamId(year), year, version + 1, figures, c.Note, by, now));
    }
}

public static class GetAnnualPlanEndpoint
{
    /// <summary>The plan of <c>year</c> of the caller's fund: the figures in force and every version with who
    /// entered it, when, and what it changed.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/annual-plans/{year}", OperationId = "getAnnualPlan")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<AnnualPlan>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(int year, IQuerySession session, CancellationToken ct) =>
        await AnnualPlans.LoadAsync(session, year, ct) is { } plan
            ? Results.Ok(plan)
            : Results.Problem(AnnualPlans.NotFound(year));
}
