using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Policy.GettingTheCalendar;

/// <summary>An announcement in force: what it decides, where it comes from, and who recorded it (null for the built-in
/// announcements of version 1).</summary>
public sealed record AnnouncementView(
    Guid Id,
    int Year,
    IReadOnlyList<PublicHolidayKind> Holidays,
    string Name,
    IReadOnlyList<LocalDate> DaysOff,
    IReadOnlyList<LocalDate> WorkingDays,
    string Source,
    bool BuiltIn,
    int? RecordedInVersion,
    Actor? RecordedBy,
    Instant? RecordedAt)
{
    public static AnnouncementView Of(HolidayAnnouncement a, FundCalendar calendar) =>
        calendar.RecordOf(a.Id) is { } record
            ? new(a.Id, a.Year, a.Holidays, a.DisplayName(), a.DaysOff, a.WorkingDays, a.Source, false, record.Version, record.By, record.At)
            : new(a.Id, a.Year, a.Holidays, a.DisplayName(), a.DaysOff, a.WorkingDays, a.Source, true, null, null, null);
}

/// <summary>A solar year of the fund's working-day calendar: every day off with its holiday, name and basis
/// (<c>Statutory</c> and <c>Compensatory</c> from the rules, <c>Announced</c> from an announcement), the weekly rest days
/// worked, and the announcements in force for the year.</summary>
public sealed record CalendarYearView(
    int Year,
    int CalendarVersion,
    IReadOnlyList<PublicHoliday> DaysOff,
    IReadOnlyList<MakeUpWorkingDay> WorkingDays,
    IReadOnlyList<AnnouncementView> Announcements)
{
    public static CalendarYearView Of(FundCalendar calendar, int year)
    {
        var inForce = calendar.InForce;
        var days = VietnamPublicHolidays.Year(year, inForce);
        return new(year, calendar.Version, days.DaysOff, days.WorkingDays,
            [.. inForce.Where(a => a.Year == year || (a.Year == year + 1 && a.FirstAllowedDate().Year == year && a.DaysOff.Any(d => d.Year == year)))
                .OrderBy(a => a.Holidays.Min()).Select(a => AnnouncementView.Of(a, calendar))]);
    }
}

/// <summary>One version of the calendar after version 1: an announcement recorded or withdrawn.</summary>
public sealed record CalendarVersionView(int Version, string Action, AnnouncementView Announcement, string? Reason, Actor By, Instant At);

/// <summary>The calendar's versions: version 1 (the rules and the built-in announcements) and every change since.</summary>
public sealed record CalendarHistory(int CurrentVersion, string Rules, IReadOnlyList<AnnouncementView> BuiltIn, IReadOnlyList<CalendarVersionView> Versions);

public static class GetWorkingDayCalendarEndpoint
{
    /// <summary>The days off and make-up working days of a solar year (1900–2199) in the fund's working-day calendar,
    /// with the announcements in force for it and the calendar version.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/policy/calendar/{year}", OperationId = "getWorkingDayCalendar")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<CalendarYearView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(int year, IQuerySession session, CancellationToken ct)
    {
        if (year is < VietnamPublicHolidays.FirstYear or > VietnamPublicHolidays.LastYear)
            return Results.Problem(Problems.Validation("year", "year.out_of_range",
                $"Năm phải từ {VietnamPublicHolidays.FirstYear} đến {VietnamPublicHolidays.LastYear} (phạm vi của lịch âm)."));
        var policy = await FundPolicies.CurrentAsync(session, ct);
        return Results.Ok(CalendarYearView.Of(policy.Calendar, year));
    }

    /// <summary>Every version of the fund's working-day calendar, oldest first: version 1 (the Labour Code's rules and the
    /// built-in announcements of 2025 and 2026), then each announcement recorded or withdrawn, with who, when and why.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/api/policy/calendar/history", OperationId = "getWorkingDayCalendarHistory")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<CalendarHistory>(200)]
    public static async Task<CalendarHistory> GetHistory(IQuerySession session, CancellationToken ct) =>
        History((await FundPolicies.CurrentAsync(session, ct)).Calendar);

    public static CalendarHistory History(FundCalendar calendar)
    {
        var known = VietnamPublicHolidays.BuiltIn.ToDictionary(a => a.Id);
        var versions = new List<CalendarVersionView>();
        foreach (var change in calendar.Changes)
        {
            if (change.Announced is { } announced)
            {
                known[announced.Id] = announced;
                versions.Add(new(change.Version, "announced", AnnouncementView.Of(announced, calendar), null, change.By, change.At));
            }
            else if (change.Withdrawn is { } id && known.TryGetValue(id, out var withdrawn))
            {
                versions.Add(new(change.Version, "withdrawn", AnnouncementView.Of(withdrawn, calendar), change.Reason, change.By, change.At));
            }
        }
        return new(calendar.Version, Rules, [.. VietnamPublicHolidays.BuiltIn.Select(a => AnnouncementView.Of(a, FundCalendar.BuiltIn))], versions);
    }

    public const string Rules =
        "Ngày lễ theo Bộ luật Lao động 2019, Điều 112: Tết Dương lịch 01/01; Tết Âm lịch 05 ngày (mặc định: ngày cuối năm âm lịch và "
        + "04 ngày đầu năm mới); Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 01/5; Quốc khánh 02/9 và 01 ngày liền kề (mặc định 01/9, hoặc 03/9 "
        + "khi 01/9 là ngày nghỉ hằng tuần hay 03/9 là thứ Sáu); ngày lễ trùng ngày nghỉ hằng tuần được nghỉ bù vào ngày làm việc kế tiếp. "
        + "Ngày âm lịch tính theo lịch Việt Nam (múi giờ UTC+7). Thông báo của Chính phủ cho từng năm thay thế các ngày theo quy tắc của ngày lễ mà thông báo quy định.";
}
