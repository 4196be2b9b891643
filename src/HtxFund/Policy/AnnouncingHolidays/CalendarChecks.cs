using System.Globalization;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Policy.AnnouncingHolidays;

/// <summary>What recording and withdrawing an announcement both check on the calendar they would make.</summary>
public static class CalendarChecks
{
    /// <summary>The most dates a refusal lists.</summary>
    private const int Listed = 10;

    public static ProblemDetails VersionConflict(FundCalendar current, int? expected) =>
        Problems.Conflict("calendar.version_conflict",
            $"Lịch ngày làm việc đã được cập nhật lên phiên bản {current.Version} trong khi bạn sửa phiên bản {expected}. Vui lòng tải lại và thử lại.",
            new Dictionary<string, object?> { ["currentVersion"] = current.Version });

    /// <summary>
    /// Refuses a change that would make a day both off and worked (a make-up working day on a holiday of another
    /// announcement or of the rules), or that would change whether a day before <paramref name="today"/> is worked:
    /// the past stays as it was used (processing times, schedules, reminders). <paramref name="years"/> are the solar
    /// years the change can touch.
    /// </summary>
    public static ProblemDetails? Refusal(FundCalendar current, IReadOnlyList<HolidayAnnouncement> after, IEnumerable<int> years, LocalDate today)
    {
        var before = current.WorkingDays();
        var changed = VietnamPublicHolidays.Create(current.Version + 1, after, withBuiltIn: false);
        var clashes = new List<LocalDate>();
        var past = new List<LocalDate>();
        foreach (var year in years.Where(y => y is >= VietnamPublicHolidays.FirstYear and <= VietnamPublicHolidays.LastYear).Distinct().Order())
        {
            var days = VietnamPublicHolidays.Year(year, after);
            var off = days.DaysOff.Select(d => d.Date).ToHashSet();
            clashes.AddRange(days.WorkingDays.Select(d => d.Date).Where(off.Contains));
            if (clashes.Count > 0)
                continue;
            for (var day = new LocalDate(year, 1, 1); day.Year == year && day < today; day = day.PlusDays(1))
            {
                if (before.IsWorkingDay(day) != changed.IsWorkingDay(day))
                    past.Add(day);
            }
        }
        if (clashes.Count > 0)
            return Problems.Validation("workingDays", "calendar.day_off_and_worked",
                $"Ngày {Dates(clashes)} vừa là ngày nghỉ vừa là ngày làm bù: một ngày làm bù phải là ngày nghỉ hằng tuần không trùng ngày lễ nào.");
        if (past.Count > 0)
            return Problems.Unprocessable("calendar.changes_past_days",
                $"Thay đổi này làm đổi ngày làm việc/ngày nghỉ của những ngày đã qua ({Dates(past)}). Lịch của những ngày trước hôm nay "
                + "đã được dùng cho thời hạn xử lý hồ sơ, lịch trả nợ và nhắc nợ nên không được sửa.",
                new Dictionary<string, object?> { ["dates"] = past.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray() });
        return null;
    }

    /// <summary>The solar years an announcement's days can touch: its year, and the year before for New Year's Day.</summary>
    public static IEnumerable<int> Years(HolidayAnnouncement a) => [a.FirstAllowedDate().Year, a.Year];

    public static string Dates(IEnumerable<LocalDate> dates)
    {
        var list = dates.Distinct().Order().ToList();
        var shown = string.Join(", ", list.Take(Listed).Select(d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        return list.Count > Listed ? $"{shown} và {list.Count - Listed} ngày khác" : shown;
    }
}
