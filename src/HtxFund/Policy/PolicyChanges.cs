using System.Globalization;
using HtxFund.Lending;

namespace HtxFund.Policy;

/// <summary>One setting that differs between two versions, as people read it.</summary>
public sealed record PolicyChange(string Field, string? Before, string? After);

/// <summary>What changed between two versions of the settings: every field, tiers of the matrix one by one.</summary>
public static class PolicyChanges
{
    public static IReadOnlyList<PolicyChange> Between(FundPolicySettings before, FundPolicySettings after)
    {
        var old = Flatten(before);
        var @new = Flatten(after);
        return old.Keys.Union(@new.Keys)
            .Select(k => new PolicyChange(k, old.GetValueOrDefault(k), @new.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToArray();
    }

    /// <summary>Each setting as (camelCase path, display value), in a stable order.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(FundPolicySettings s)
    {
        var fields = new Dictionary<string, string>
        {
            ["singleBorrowerLimitPercent"] = Percent(s.SingleBorrowerLimitPercent),
            ["relatedGroupLimitPercent"] = Percent(s.RelatedGroupLimitPercent),
            ["minOwnEquityPercentOfProject"] = Percent(s.MinOwnEquityPercentOfProject),
            ["overdueRatePercentOfInTermRate"] = Percent(s.OverdueRatePercentOfInTermRate),
            ["lateInterestRatePercentPerYear"] = Percent(s.LateInterestRatePercentPerYear),
            ["dayCount"] = s.DayCount.ToString(),
            ["dueDateRule"] = s.DueDateRule.ToString(),
            ["defaultPrepaymentMode"] = s.DefaultPrepaymentMode.ToString(),
            ["maxTermMonths"] = s.MaxTermMonths?.ToString(CultureInfo.InvariantCulture) ?? "không giới hạn",
            ["generalProvisionRatePercent"] = Percent(s.GeneralProvisionRatePercent),
            ["waterfall"] = string.Join(" → ", s.Waterfall),
            ["repaymentBackdateDays"] = Days(s.RepaymentBackdateDays),
            ["creditCheckMaxAgeDays"] = Days(s.CreditCheckMaxAgeDays),
            ["dissolutionThresholdPercent"] = Percent(s.DissolutionThresholdPercent),
        };
        if (s.DebtGroupThresholds is { } d)
        {
            fields["debtGroupThresholds.group2FromDays"] = Days(d.Group2FromDays);
            fields["debtGroupThresholds.group3FromDays"] = Days(d.Group3FromDays);
            fields["debtGroupThresholds.group4FromDays"] = Days(d.Group4FromDays);
            fields["debtGroupThresholds.group5FromDays"] = Days(d.Group5FromDays);
        }
        if (s.SpecificProvisionRates is { } p)
        {
            fields["specificProvisionRates.group1Percent"] = Percent(p.Group1Percent);
            fields["specificProvisionRates.group2Percent"] = Percent(p.Group2Percent);
            fields["specificProvisionRates.group3Percent"] = Percent(p.Group3Percent);
            fields["specificProvisionRates.group4Percent"] = Percent(p.Group4Percent);
            fields["specificProvisionRates.group5Percent"] = Percent(p.Group5Percent);
        }
        if (s.TermClasses is { } t)
        {
            fields["termClasses.shortMaxMonths"] = t.ShortMaxMonths + " tháng";
            fields["termClasses.mediumMaxMonths"] = t.MediumMaxMonths + " tháng";
            fields["termClasses.shortTargetWorkingDays"] = t.ShortTargetWorkingDays + " ngày làm việc";
            fields["termClasses.mediumTargetWorkingDays"] = t.MediumTargetWorkingDays + " ngày làm việc";
            fields["termClasses.longTargetWorkingDays"] = t.LongTargetWorkingDays + " ngày làm việc";
        }
        if (s.Reminders is { } r)
        {
            fields["reminders.upcomingDaysBefore"] = string.Join(", ", r.UpcomingDaysBefore ?? []) + " ngày trước hạn";
            fields["reminders.overdueDaysAfter"] = string.Join(", ", r.OverdueDaysAfter ?? []) + " ngày sau hạn";
            fields["reminders.processingAlertWorkingDaysBefore"] = r.ProcessingAlertWorkingDaysBefore + " ngày làm việc";
            fields["reminders.catchUpDays"] = r.CatchUpDays + " ngày";
        }
        if (s.Collateral is { } c)
            foreach (var type in Enum.GetValues<Collateral.CollateralType>())
                fields[$"collateral.{char.ToLowerInvariant(type.ToString()[0])}{type.ToString()[1..]}Percent"] = Percent(c.RateFor(type));
        if (s.Collateral?.MinimumCoverage is { } bands)
            for (var i = 0; i < bands.Count; i++)
                fields[$"collateral.minimumCoverage[{i}]"] = $"Từ {Money.Of(bands[i].FromAmount).ToDisplayString()}: {Percent(bands[i].MinimumPercent)}";
        if (s.RiskHandling is { } h)
        {
            fields["riskHandling.minYearsFromProvisionUseToWriteOff"] = h.MinYearsFromProvisionUseToWriteOff + " năm";
            fields["riskHandling.decidingRole"] = Identity.Roles.DisplayName(h.DecidingRole);
            fields["riskHandling.approvingBody"] = h.ApprovingBody;
            fields["riskHandling.reviewEveryMonths"] = h.ReviewEveryMonths + " tháng";
        }
        if (s.Collections is { } col)
        {
            fields["collections.lookAheadDays"] = col.LookAheadDays + " ngày";
            fields["collections.maxPromiseDays"] = col.MaxPromiseDays + " ngày";
        }
        if (s.Inspections is { } inspections)
        {
            fields["inspections.dueDays"] = inspections.DueDays + " ngày sau giải ngân";
            fields["inspections.noticeDaysBefore"] = inspections.NoticeDaysBefore + " ngày trước hạn";
        }
        for (var i = 0; i < s.ApprovalMatrix.Count; i++) fields[$"approvalMatrix[{i}]"] = Describe(s.ApprovalMatrix[i]);
        if (s.RiskApprovals is { } risk)
        {
            for (var i = 0; i < risk.Restructurings.Count; i++) fields[$"riskApprovals.restructurings[{i}]"] = RiskApprovalSettings.Describe(risk.Restructurings[i]);
            for (var i = 0; i < risk.Waivers.Count; i++) fields[$"riskApprovals.waivers[{i}]"] = RiskApprovalSettings.Describe(risk.Waivers[i]);
        }
        return fields;
    }

    /// <summary>A tier in Vietnamese, e.g. "Đến 500.000.000 ₫: Giám đốc quyết định".</summary>
    public static string Describe(ApprovalTier tier)
    {
        var range = tier.UpToAmount is { } upTo ? $"Đến {upTo.ToDisplayString()}" : "Trên mức cao nhất";
        return tier.DecidedBy == ApprovalAuthority.Director
            ? $"{range}: Giám đốc quyết định"
            : $"{range}: Hội đồng biểu quyết, tối thiểu {tier.Quorum} phiếu, {Majority(tier.Majority)}"
              + (tier.AbstentionsCountForQuorum ? "" : ", phiếu trắng không tính vào số tối thiểu");
    }

    private static string Majority(BoardMajority? majority) => majority switch
    {
        BoardMajority.MoreApproveThanReject => "số phiếu tán thành nhiều hơn số phiếu phản đối",
        BoardMajority.MajorityOfVotesCast => "quá bán số phiếu đã bỏ",
        BoardMajority.TwoThirdsOfVotesCast => "từ hai phần ba số phiếu đã bỏ",
        _ => "?",
    };

    private static string Percent(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture) + " %";
    private static string Days(int days) => days + " ngày";
}
