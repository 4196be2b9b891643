using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Policy.Adopting;

/// <summary>Adopts a new version of the fund's policy: the complete settings, why, and the version the
/// administrator edited (optimistic concurrency: a stale version is refused with the current one).</summary>
public sealed record AdoptFundPolicy(FundPolicySettings? Settings, string? Reason, int? ExpectedVersion, LocalDate? EffectiveFrom)
{
    /// <summary>The most a tier ceiling can be: 10^15 ₫, far above any fund's charter capital.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;
    public const int MaxTiers = 10;
    /// <summary>The longest window in days of the policy's day counts (backdating, credit-check age): one year.</summary>
    public const int MaxDays = 365;

    /// <summary>A percentage as the refusal texts write it: "15 %".</summary>
    private static string Percent(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + " %";

    public AdoptFundPolicy Normalised() => this with { Reason = VietnameseText.Normalize(Reason) };

    public sealed class Validator : AbstractValidator<AdoptFundPolicy>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Settings).NotNull().Refuse("settings.required", "Vui lòng gửi đầy đủ các tham số của chính sách.");
            RuleFor(x => x.Settings!).SetValidator(new SettingsValidator()).When(x => x.Settings is not null);
            RuleFor(x => x.Reason).RequiredText("reason", "lý do thay đổi", TextLimits.Note);
            RuleFor(x => x.ExpectedVersion).Cascade(CascadeMode.Stop).NotNull().Refuse("expected_version.required", "Vui lòng gửi số phiên bản chính sách đang sửa.")
                .GreaterThanOrEqualTo(1).Refuse("expected_version.invalid", "Số phiên bản phải từ 1 trở lên.");
            RuleFor(x => x.EffectiveFrom).Must(d => d <= today).When(x => x.EffectiveFrom is not null)
                .Refuse("effective_from.in_future", "Ngày hiệu lực không được sau ngày hôm nay: chính sách áp dụng từ khi được thông qua.");
            RuleFor(x => x.EffectiveFrom).Must(d => d >= Validation.EarliestRecordDate).When(x => x.EffectiveFrom is not null)
                .Refuse("effective_from.too_early", $"Ngày hiệu lực không được trước ngày {Validation.EarliestRecordDate:dd/MM/yyyy}.");
        }
    }

    public sealed class SettingsValidator : AbstractValidator<FundPolicySettings>
    {
        public SettingsValidator()
        {
            RuleFor(x => x.SingleBorrowerLimitPercent).Must(v => v > 0 && v <= LendingPolicy.MaxSingleBorrowerLimitPercent)
                .Refuse("single_borrower_limit_percent.out_of_range",
                    $"Giới hạn cho vay một khách hàng phải lớn hơn 0 % và không vượt quá {Percent(LendingPolicy.MaxSingleBorrowerLimitPercent)} vốn điều lệ thực có (Nghị định 45/2021 Điều 23.2.a).");
            RuleFor(x => x.RelatedGroupLimitPercent).Must(v => v > 0 && v <= LendingPolicy.MaxRelatedGroupLimitPercent)
                .Refuse("related_group_limit_percent.out_of_range",
                    $"Giới hạn cho vay khách hàng và người có liên quan phải lớn hơn 0 % và không vượt quá {Percent(LendingPolicy.MaxRelatedGroupLimitPercent)} vốn điều lệ thực có (Nghị định 45/2021 Điều 23.2.b).");
            RuleFor(x => x.RelatedGroupLimitPercent).GreaterThanOrEqualTo(x => x.SingleBorrowerLimitPercent)
                .Refuse("related_group_limit_percent.below_single_borrower",
                    "Giới hạn cho nhóm khách hàng có liên quan không được thấp hơn giới hạn cho một khách hàng.");
            RuleFor(x => x.MinOwnEquityPercentOfProject).InclusiveBetween(LendingPolicy.MinOwnEquityPercentOfProjectFloor, 100m)
                .Refuse("min_own_equity_percent_of_project.out_of_range",
                    $"Vốn chủ sở hữu tối thiểu phải từ {Percent(LendingPolicy.MinOwnEquityPercentOfProjectFloor)} (Nghị định 45/2021 Điều 22.5) đến 100 % tổng vốn đầu tư.");
            RuleFor(x => x.OverdueRatePercentOfInTermRate).Must(v => v > 0 && v <= LendingPolicy.MaxOverdueRatePercentOfInTermRate)
                .Refuse("overdue_rate_percent_of_in_term_rate.out_of_range",
                    $"Lãi suất nợ quá hạn phải lớn hơn 0 và không vượt quá {Percent(LendingPolicy.MaxOverdueRatePercentOfInTermRate)} lãi suất trong hạn (Nghị định 45/2021 Điều 25.1.b).");
            RuleFor(x => x.LateInterestRatePercentPerYear).InclusiveBetween(0m, LendingPolicy.MaxLateInterestRatePercentPerYear)
                .Refuse("late_interest_rate_percent_per_year.out_of_range",
                    $"Lãi suất trên tiền lãi chậm trả phải từ 0 đến {Percent(LendingPolicy.MaxLateInterestRatePercentPerYear)}/năm (Thông tư 39/2016 Điều 13.4).");
            RuleFor(x => x.GeneralProvisionRatePercent).InclusiveBetween(0m, 100m)
                .Refuse("general_provision_rate_percent.out_of_range", "Tỷ lệ dự phòng chung phải từ 0 đến 100 %.");
            RuleFor(x => x.RepaymentBackdateDays).InclusiveBetween(0, MaxDays)
                .Refuse("repayment_backdate_days.out_of_range",
                    $"Số ngày được ghi nhận khoản trả nợ có ngày giá trị trước hôm nay phải từ 0 đến {MaxDays} ngày.");
            RuleFor(x => x.CreditCheckMaxAgeDays).InclusiveBetween(1, MaxDays)
                .Refuse("credit_check_max_age_days.out_of_range",
                    $"Thời hạn sử dụng kết quả kiểm tra thông tin tín dụng trước lần giải ngân đầu tiên phải từ 1 đến {MaxDays} ngày.");
            RuleFor(x => x.DissolutionThresholdPercent).Must(v => v is > 0 and <= 100)
                .Refuse("dissolution_threshold_percent.out_of_range",
                    "Ngưỡng dư nợ cho vay trên vốn chủ sở hữu (Nghị định 45/2021 Điều 46.2) phải lớn hơn 0 và không vượt quá 100 %.");
            RuleFor(x => x.DayCount).IsInEnum().Refuse("day_count.unknown", "Phương pháp tính số ngày không hợp lệ.");
            RuleFor(x => x.DueDateRule).IsInEnum().Refuse("due_date_rule.unknown", "Quy tắc ngày làm việc không hợp lệ.");
            RuleFor(x => x.DefaultPrepaymentMode).IsInEnum().Refuse("default_prepayment_mode.unknown", "Cách xử lý trả nợ trước hạn không hợp lệ.");
            RuleFor(x => x.MaxTermMonths).InclusiveBetween(1, 600).When(x => x.MaxTermMonths is not null)
                .Refuse("max_term_months.out_of_range", "Thời hạn cho vay tối đa phải từ 1 đến 600 tháng (hoặc để trống nếu không giới hạn).");

            RuleFor(x => x.DebtGroupThresholds).NotNull().Refuse("debt_group_thresholds.required", "Vui lòng nhập ngưỡng số ngày quá hạn của các nhóm nợ.");
            RuleFor(x => x.DebtGroupThresholds)
                .Must(d => d.Group2FromDays >= 1 && d.Group3FromDays > d.Group2FromDays && d.Group4FromDays > d.Group3FromDays
                           && d.Group5FromDays > d.Group4FromDays && d.Group5FromDays <= 3650)
                .When(x => x.DebtGroupThresholds is not null)
                .Refuse("debt_group_thresholds.not_increasing",
                    "Ngưỡng số ngày quá hạn phải tăng dần: nhóm 2 từ 1 ngày trở lên, nhóm 3 > nhóm 2, nhóm 4 > nhóm 3, nhóm 5 > nhóm 4.");

            RuleFor(x => x.SpecificProvisionRates).NotNull().Refuse("specific_provision_rates.required", "Vui lòng nhập tỷ lệ trích lập dự phòng cụ thể.");
            RuleFor(x => x.SpecificProvisionRates)
                .Must(p => new[] { p.Group1Percent, p.Group2Percent, p.Group3Percent, p.Group4Percent, p.Group5Percent } is var r
                           && r.All(v => v is >= 0 and <= 100) && r.Zip(r.Skip(1)).All(pair => pair.Second >= pair.First))
                .When(x => x.SpecificProvisionRates is not null)
                .Refuse("specific_provision_rates.invalid",
                    "Tỷ lệ dự phòng cụ thể mỗi nhóm phải từ 0 đến 100 % và không giảm khi nhóm nợ xấu đi.");

            RuleFor(x => x.TermClasses).NotNull().Refuse("term_classes.required", "Vui lòng nhập phân loại thời hạn và thời gian xử lý hồ sơ.");
            RuleFor(x => x.TermClasses)
                .Must(t => t.ShortMaxMonths >= 1 && t.MediumMaxMonths > t.ShortMaxMonths && t.MediumMaxMonths <= 600)
                .When(x => x.TermClasses is not null)
                .Refuse("term_classes.not_increasing", "Ngưỡng cho vay ngắn hạn phải từ 1 tháng và nhỏ hơn ngưỡng trung hạn.");
            RuleFor(x => x.TermClasses)
                .Must(t => new[] { t.ShortTargetWorkingDays, t.MediumTargetWorkingDays, t.LongTargetWorkingDays }.All(d => d is >= 1 and <= 365))
                .When(x => x.TermClasses is not null)
                .Refuse("term_classes.target_out_of_range", "Thời gian xử lý hồ sơ mục tiêu phải từ 1 đến 365 ngày làm việc.");

            RuleFor(x => x.Waterfall)
                .Must(w => w is not null && w.Count == Enum.GetValues<AllocationBucket>().Length
                           && w.Distinct().Count() == w.Count && w.All(Enum.IsDefined) && w[^1] == AllocationBucket.Prepayment)
                .Refuse("waterfall.invalid",
                    "Thứ tự thu nợ phải liệt kê mỗi khoản đúng một lần và kết thúc bằng trả nợ trước hạn (Prepayment).");

            RuleFor(x => x.Reminders).NotNull().Refuse("reminders.required", "Vui lòng nhập lịch nhắc nợ.");
            RuleFor(x => x.Reminders)
                .Must(r => r.UpcomingDaysBefore is { Count: <= 10 } u && u.All(d => d is >= 1 and <= 90) && u.Distinct().Count() == u.Count
                           && r.OverdueDaysAfter is { Count: <= 10 } o && o.All(d => d is >= 1 and <= 3650) && o.Distinct().Count() == o.Count)
                .When(x => x.Reminders is not null)
                .Refuse("reminders.offsets_invalid",
                    "Số ngày nhắc trước hạn phải từ 1 đến 90, số ngày nhắc sau hạn từ 1 đến 3650; mỗi giá trị một lần, tối đa 10 giá trị.");
            RuleFor(x => x.Reminders)
                .Must(r => r.ProcessingAlertWorkingDaysBefore is >= 0 and <= 30 && r.CatchUpDays is >= 0 and <= 30)
                .When(x => x.Reminders is not null)
                .Refuse("reminders.days_out_of_range",
                    "Số ngày làm việc cảnh báo trước hạn xử lý hồ sơ và số ngày gửi bù phải từ 0 đến 30.");

            RuleFor(x => x.RiskApprovals).NotNull().Refuse("risk_approvals.required", "Vui lòng nhập thẩm quyền phê duyệt cơ cấu lại và miễn, giảm lãi.")
                .SetValidator(new RiskApprovalSettings.Validator());
            RuleFor(x => x.Collateral).NotNull().Refuse("collateral.required", "Vui lòng nhập tỷ lệ khấu trừ tài sản bảo đảm.");
            RuleFor(x => x.Collateral)
                .Must(c => c.Rates.All(r => r is >= 0 and <= 100 && r == decimal.Round(r, 2)))
                .When(x => x.Collateral is not null)
                .Refuse("collateral.rate_out_of_range", "Tỷ lệ khấu trừ của mỗi loại tài sản bảo đảm phải từ 0 đến 100 % (tối đa hai chữ số thập phân).");
            RuleFor(x => x.Collateral)
                .Must(c => c.CoverageBandsValid)
                .When(x => x.Collateral is not null)
                .Refuse("collateral.minimum_coverage_invalid",
                    "Mức bảo đảm tối thiểu: tối đa 10 mức, số tiền từ tăng dần (0 đến 10^15 đồng), tỷ lệ từ 0 đến 500 %.");
            RuleFor(x => x.RiskHandling).NotNull().Refuse("risk_handling.required", "Vui lòng nhập quy định xử lý rủi ro.");
            RuleFor(x => x.RiskHandling.MinYearsFromProvisionUseToWriteOff).InclusiveBetween(5, 50).When(x => x.RiskHandling is not null)
                .Refuse("risk_handling.min_years_out_of_range",
                    "Thời gian tối thiểu từ khi sử dụng dự phòng đến khi xuất toán phải từ 5 năm (Nghị định 45/2021 Điều 28.3) đến 50 năm.");
            RuleFor(x => x.RiskHandling.DecidingRole).Must(r => RiskHandlingSettings.DecidingRoles.Contains(r)).When(x => x.RiskHandling is not null)
                .Refuse("risk_handling.deciding_role_unknown", "Người quyết định xử lý rủi ro phải là Chủ tịch Quỹ, Giám đốc hoặc thành viên Hội đồng quản lý.");
            RuleFor(x => x.RiskHandling.ApprovingBody).RequiredText("risk_handling.approving_body", "cơ quan chấp thuận xử lý rủi ro", TextLimits.Name)
                .When(x => x.RiskHandling is not null);
            RuleFor(x => x.RiskHandling.ReviewEveryMonths).InclusiveBetween(1, 3).When(x => x.RiskHandling is not null)
                .Refuse("risk_handling.review_every_months_out_of_range",
                    "Hội đồng xử lý rủi ro rà soát ít nhất mỗi quý (Nghị định 45/2021 Điều 29.2.a): từ 1 đến 3 tháng một lần.");

            RuleFor(x => x.Collections).NotNull().Refuse("collections.required", "Vui lòng nhập quy định thu nợ.");
            RuleFor(x => x.Collections.LookAheadDays).InclusiveBetween(1, HtxFund.Collections.CollectionSettings.MaxLookAheadDays).When(x => x.Collections is not null)
                .Refuse("collections.look_ahead_days_out_of_range",
                    $"Số ngày xem trước kỳ trả nợ trên danh sách thu nợ phải từ 1 đến {HtxFund.Collections.CollectionSettings.MaxLookAheadDays}.");
            RuleFor(x => x.Collections.MaxPromiseDays).InclusiveBetween(1, HtxFund.Collections.CollectionSettings.MaxPromiseDaysLimit)
                .When(x => x.Collections is not null)
                .Refuse("collections.max_promise_days_out_of_range",
                    $"Thời hạn tối đa của một cam kết trả nợ phải từ 1 đến {HtxFund.Collections.CollectionSettings.MaxPromiseDaysLimit} ngày.");
            RuleFor(x => x.Inspections).NotNull().Refuse("inspections.required", "Vui lòng nhập quy định kiểm tra sử dụng vốn vay.");
            RuleFor(x => x.Inspections.DueDays).InclusiveBetween(1, HtxFund.Inspections.InspectionSettings.MaxDueDays).When(x => x.Inspections is not null)
                .Refuse("inspections.due_days_out_of_range",
                    $"Thời hạn kiểm tra sử dụng vốn vay sau giải ngân phải từ 1 đến {HtxFund.Inspections.InspectionSettings.MaxDueDays} ngày.");
            RuleFor(x => x.Inspections.NoticeDaysBefore).InclusiveBetween(0, HtxFund.Inspections.InspectionSettings.MaxNoticeDaysBefore)
                .When(x => x.Inspections is not null)
                .Refuse("inspections.notice_days_out_of_range",
                    $"Số ngày báo trước hạn kiểm tra sử dụng vốn vay phải từ 0 đến {HtxFund.Inspections.InspectionSettings.MaxNoticeDaysBefore}.");

            RuleFor(x => x.ApprovalMatrix).Cascade(CascadeMode.Stop).NotEmpty().Refuse("approval_matrix.required", "Vui lòng nhập ma trận phê duyệt.")
                .Must(m => m.Count <= MaxTiers).Refuse("approval_matrix.too_many_tiers", $"Ma trận phê duyệt có tối đa {MaxTiers} mức.");
            RuleFor(x => x.ApprovalMatrix)
                .Must(m => m[^1].UpToAmount is null && m.Take(m.Count - 1).All(t => t.UpToAmount is not null))
                .When(x => x.ApprovalMatrix is { Count: > 0 } m && m.All(t => t is not null))
                .Refuse("approval_matrix.open_ended_tier",
                    "Ma trận phê duyệt phải có đúng một mức không giới hạn trên và đó phải là mức cuối cùng.");
            RuleFor(x => x.ApprovalMatrix)
                .Must(m => m.Where(t => t.UpToAmount is not null).Select(t => t.UpToAmount!.Value.Dong)
                    .Zip(m.Where(t => t.UpToAmount is not null).Select(t => t.UpToAmount!.Value.Dong).Skip(1)).All(p => p.Second > p.First))
                .When(x => x.ApprovalMatrix is { Count: > 0 } m && m.All(t => t is not null))
                .Refuse("approval_matrix.not_increasing", "Các mức số tiền của ma trận phê duyệt phải tăng dần.");
            RuleForEach(x => x.ApprovalMatrix).NotNull().Refuse("approval_matrix.tier_required", "Mỗi mức của ma trận phê duyệt phải có nội dung.")
                .SetValidator(new TierValidator());
        }
    }

    public sealed class TierValidator : AbstractValidator<ApprovalTier>
    {
        public TierValidator()
        {
            RuleFor(x => x.UpToAmount).Must(a => a!.Value.Dong is > 0 and <= MaxAmount).When(x => x.UpToAmount is not null)
                .Refuse("approval_matrix.amount_out_of_range", "Mức số tiền của ma trận phê duyệt phải lớn hơn 0 và không quá 10^15 đồng.");
            RuleFor(x => x.DecidedBy).IsInEnum().Refuse("approval_matrix.authority_unknown", "Cấp quyết định phải là Director hoặc Board.");
            RuleFor(x => x.Quorum).Must(q => q is >= 1 and <= 100).When(x => x.DecidedBy == ApprovalAuthority.Board)
                .Refuse("approval_matrix.quorum_out_of_range", "Số phiếu tối thiểu để biểu quyết hợp lệ phải từ 1 đến 100.");
            RuleFor(x => x.Majority).Must(m => m is not null && Enum.IsDefined(m.Value)).When(x => x.DecidedBy == ApprovalAuthority.Board)
                .Refuse("approval_matrix.majority_required", "Vui lòng chọn nguyên tắc biểu quyết của Hội đồng.");
            RuleFor(x => x.Quorum).Null().When(x => x.DecidedBy == ApprovalAuthority.Director)
                .Refuse("approval_matrix.director_has_no_vote", "Mức do Giám đốc quyết định không có số phiếu tối thiểu hay nguyên tắc biểu quyết.");
            RuleFor(x => x.Majority).Null().When(x => x.DecidedBy == ApprovalAuthority.Director)
                .Refuse("approval_matrix.director_has_no_vote", "Mức do Giám đốc quyết định không có số phiếu tối thiểu hay nguyên tắc biểu quyết.");
        }
    }
}

public static class AdoptFundPolicyEndpoint
{
    /// <summary>The fund's policy stream (one per fund; tenant-scoped).</summary>
    public static Guid PolicyId() => FundPolicies.StreamId;

    /// <summary>409 when the administrator edited an older version, 400 for an effective date before the version in
    /// force, 422 when nothing changes.</summary>
    public static ProblemDetails Validate(AdoptFundPolicy command, [Aggregate(Required = false, FromMethod = nameof(PolicyId))] FundPolicyStream? policy,
        LocalDate today) =>
        Refusal(command.Normalised(), FundPolicies.Current(policy), today) ?? WolverineContinue.NoProblems;

    /// <summary>Adopts a new version of the fund's policy (Admin). Every later decision records the version it used.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePut("/api/policy", OperationId = "adoptFundPolicy")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<FundPolicy>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (FundPolicy, Events) Put(AdoptFundPolicy command, [Aggregate(Required = false, FromMethod = nameof(PolicyId))] FundPolicyStream? policy,
        ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var current = FundPolicies.Current(policy);
        var adopted = Decide(command.Normalised(), current, user.ToActor(), now, today).Adopted!;
        return (FundPolicy.From(adopted) with { Calendar = current.Calendar }, [adopted]);
    }

    /// <summary>The refusal of a validated, normalised command against the policy in force, if any.</summary>
    public static ProblemDetails? Refusal(AdoptFundPolicy c, FundPolicy current, LocalDate today)
    {
        if (c.ExpectedVersion != current.Version)
            return Problems.Conflict("policy.version_conflict",
                $"Chính sách đã được cập nhật lên phiên bản {current.Version} trong khi bạn sửa phiên bản {c.ExpectedVersion}. Vui lòng tải lại và thử lại.",
                new Dictionary<string, object?> { ["currentVersion"] = current.Version });
        if (current.EffectiveFrom is { } previous && (c.EffectiveFrom ?? today) < previous)
            return Problems.Validation("effectiveFrom", "effective_from.before_previous_version",
                $"Ngày hiệu lực không được trước ngày hiệu lực của phiên bản {current.Version} ({previous:dd/MM/yyyy}).");
        if (PolicyChanges.Between(current.Settings, c.Settings!).Count == 0)
            return Problems.Unprocessable("policy.unchanged",
                $"Các tham số gửi lên giống hệt phiên bản {current.Version}: không có gì để thông qua.");
        return null;
    }

    public sealed record Decision(ProblemDetails? Refusal, FundPolicyAdopted? Adopted);

    /// <summary>The pure decision over a validated, normalised command and the policy in force.</summary>
    public static Decision Decide(AdoptFundPolicy c, FundPolicy current, Actor actor, Instant now, LocalDate today) =>
        Refusal(c, current, today) is { } refused ? new(refused, null)
        : new(null, new FundPolicyAdopted(current.Version + 1, c.Settings!, actor, now, c.EffectiveFrom ?? today, c.Reason!));
}
