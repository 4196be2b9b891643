using HtxFund.Lending;
using HtxFund.Policy;
using NodaTime;

namespace HtxFund.Applications;

/// <summary>Working days from a complete file to the decision, against the target for the loan's term class
/// (≤ 5 working days short-term, ≤ 10 medium, ≤ 15 long by default; fund policy).</summary>
public sealed record ProcessingTimeView(LocalDate? CompleteFileDate, int WorkingDays, int TargetWorkingDays, string TermClass,
    bool Late, bool DueSoon, LocalDate? TargetDate);

public static class ProcessingTime
{
    /// <param name="dueSoonWorkingDays">"About to exceed" means this many working days or fewer are left (the
    /// reminders' <c>ProcessingAlertWorkingDaysBefore</c> in fund policy; 1 by default).</param>
    public static ProcessingTimeView Of(LocalDate? completeFile, LocalDate? decidedOn, int termMonths, LocalDate today, LendingPolicy policy,
        int dueSoonWorkingDays = 1)
    {
        var termClass = policy.TermClasses.Classify(termMonths);
        var target = policy.TermClasses.ProcessingTargetWorkingDays(termClass);
        if (completeFile is not { } start) return new ProcessingTimeView(null, 0, target, termClass.ToString(), false, false, null);
        var end = decidedOn ?? today;
        var days = policy.Calendar.WorkingDaysBetween(start, end);
        var targetDate = policy.Calendar.AddWorkingDays(start, target);
        var late = days > target;
        // "About to exceed": pending with dueSoonWorkingDays working days or fewer left.
        var dueSoon = decidedOn is null && !late && target - days <= dueSoonWorkingDays;
        return new ProcessingTimeView(start, days, target, termClass.ToString(), late, dueSoon, targetDate);
    }
}
