using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending.Rating;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Plans.Entering;

/// <summary>The plan figures of a year as the fund enters them (see <see cref="AnnualPlanFigures"/>) and the version
/// being edited (0 for a new plan): a stale version is refused with the current one.</summary>
public sealed record EnterAnnualPlan(
    long? OutstandingPrincipalTarget,
    decimal? NplRatioPercentMax,
    long? FinancialResultTarget,
    string? Compliance,
    string? ApprovalReference,
    string? Note,
    int? ExpectedVersion,
    long? DisbursementTarget = null,
    long? CollectionTarget = null)
{
    public const long MaxAmount = Capital.FundCapital.MaxAmount;

    public EnterAnnualPlan Normalised() => this with
    {
        ApprovalReference = string.IsNullOrWhiteSpace(ApprovalReference) ? null : VietnameseText.Normalize(ApprovalReference),
        Note = string.IsNullOrWhiteSpace(Note) ? null : VietnameseText.Normalize(Note),
    };

    public sealed class Validator : AbstractValidator<EnterAnnualPlan>
    {
        public Validator()
        {
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
            RuleFor(x => x.DisbursementTarget).InclusiveBetween(0, MaxAmount).When(x => x.DisbursementTarget is not null)
                .Refuse("disbursement_target.out_of_range", "Giải ngân kế hoạch trong năm phải từ 0 đến 10^15 đồng.");
            RuleFor(x => x.CollectionTarget).InclusiveBetween(0, MaxAmount).When(x => x.CollectionTarget is not null)
                .Refuse("collection_target.out_of_range", "Thu nợ kế hoạch trong năm phải từ 0 đến 10^15 đồng.");
            RuleFor(x => x.Compliance).Must(c => EnumText.Parse<ComplianceFinding>(c?.Trim()) is not null)
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
    /// <summary>The plan stream of the route's year (one per fund and year; tenant-scoped).</summary>
    public static Guid PlanId(int year) => AnnualPlans.StreamId(year);

    /// <summary>A year from 2000 to next year; the version edited must be the one in force; a change must change something.</summary>
    public static ProblemDetails Validate(int year, EnterAnnualPlan command, [Aggregate(Required = false, FromMethod = nameof(PlanId))] AnnualPlan? plan,
        LocalDate today) =>
        year < 2000 || year > today.Year + 1
            ? Problems.Validation("year", "year.out_of_range", $"Năm kế hoạch phải từ 2000 đến {today.Year + 1}.")
            : Refusal(year, command.Normalised(), plan) ?? WolverineContinue.NoProblems;

    /// <summary>Enters (expectedVersion 0) or changes the plan of <c>year</c> for the caller's fund: the four KPI
    /// targets of the fund rating, and optionally the year's disbursement and collection targets (the dashboard's). Each change is a new version with who and when.</summary>
    [Authorize(Roles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [WolverinePut("/api/annual-plans/{year}", OperationId = "enterAnnualPlan")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<AnnualPlan>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (AnnualPlan, Events) Put(int year, EnterAnnualPlan command, [Aggregate(Required = false, FromMethod = nameof(PlanId))] AnnualPlan? plan,
        ClaimsPrincipal user, Instant now)
    {
        var entered = Decide(year, command.Normalised(), plan, user.ToActor(), now).Entered!;
        return ((plan ?? new AnnualPlan()).Apply(entered), [entered]);
    }

    /// <summary>409 for a stale version, 422 for the figures in force again.</summary>
    public static ProblemDetails? Refusal(int year, EnterAnnualPlan c, AnnualPlan? current)
    {
        var version = current?.Version ?? 0;
        if (c.ExpectedVersion != version)
            return Problems.Conflict("annual_plan.version_conflict",
                version == 0
                    ? $"Chưa có kế hoạch năm {year}: gửi phiên bản 0 để nhập mới."
                    : $"Kế hoạch năm {year} đã ở phiên bản {version} trong khi bạn sửa phiên bản {c.ExpectedVersion}. Vui lòng tải lại và thử lại.",
                new Dictionary<string, object?> { ["currentVersion"] = version });
        if (current is not null && AnnualPlans.Changes(current.Figures, Figures(c)).Count == 0)
            return Problems.Unprocessable("annual_plan.unchanged",
                $"Các chỉ tiêu gửi lên giống hệt phiên bản {version} của kế hoạch năm {year}: không có gì để cập nhật.");
        return null;
    }

    private static AnnualPlanFigures Figures(EnterAnnualPlan c) =>
        new(c.OutstandingPrincipalTarget!.Value, c.NplRatioPercentMax!.Value, c.FinancialResultTarget!.Value,
            EnumText.Parse<ComplianceFinding>(c.Compliance?.Trim()) ?? ComplianceFinding.NoViolation, c.ApprovalReference,
            c.DisbursementTarget, c.CollectionTarget);

    public sealed record Decision(ProblemDetails? Refusal, AnnualPlanEntered? Entered);

    /// <summary>The pure decision over a validated, normalised command and the plan in force (null: none yet).</summary>
    public static Decision Decide(int year, EnterAnnualPlan c, AnnualPlan? current, Actor by, Instant now) =>
        Refusal(year, c, current) is { } refused ? new(refused, null)
        : new(null, new AnnualPlanEntered(AnnualPlans.StreamId(year), year, (current?.Version ?? 0) + 1, Figures(c), c.Note, by, now));
}
