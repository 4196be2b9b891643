using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Policy.GettingTheCalendar;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Policy.AnnouncingHolidays;

/// <summary>
/// Records the Government's announcement of the days off for one or more public holidays of a year: the holidays it
/// decides (<c>NewYear</c>, <c>LunarNewYear</c>, <c>HungKings</c>, <c>ReunificationDay</c>, <c>LabourDay</c>,
/// <c>NationalDay</c>, or <c>Other</c> with a <see cref="Name"/> for a day off outside them), every day off it gives
/// (weekly rest days in the announced span may be listed), the weekly rest days worked in exchange for bridge days,
/// the document it comes from, and the calendar version the administrator edited.
/// </summary>
public sealed record AnnouncePublicHolidays(
    int? Year,
    IReadOnlyList<string?>? Holidays,
    string? Name,
    IReadOnlyList<LocalDate>? DaysOff,
    IReadOnlyList<LocalDate>? WorkingDays,
    string? Source,
    int? ExpectedCalendarVersion)
{
    public const int MaxDaysOff = 31;
    public const int MaxWorkingDays = 10;

    public AnnouncePublicHolidays Normalised() => this with
    {
        Name = string.IsNullOrWhiteSpace(Name) ? null : VietnameseText.Normalize(Name),
        Source = VietnameseText.Normalize(Source),
    };

    /// <summary>The holidays named, parsed (null entries for unknown names).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<PublicHolidayKind?> Parsed => [.. (Holidays ?? []).Select(EnumText.Parse<PublicHolidayKind>)];

    /// <summary>The announcement, for a validated command (the window of allowed dates depends on it).</summary>
    public HolidayAnnouncement ToAnnouncement(Guid id) =>
        new(id, Year!.Value, [.. Parsed.Select(k => k!.Value).Order()], [.. DaysOff!.Order()], [.. (WorkingDays ?? []).Order()], Source!, Name);

    public sealed class Validator : AbstractValidator<AnnouncePublicHolidays>
    {
        public Validator()
        {
            RuleFor(x => x.Year).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("year.required", "Vui lòng nhập năm của thông báo.")
                .InclusiveBetween(VietnamPublicHolidays.FirstYear, VietnamPublicHolidays.LastYear)
                .Refuse("year.out_of_range", $"Năm phải từ {VietnamPublicHolidays.FirstYear} đến {VietnamPublicHolidays.LastYear} (phạm vi của lịch âm).");
            RuleFor(x => x.Holidays).Cascade(CascadeMode.Stop)
                .NotEmpty().Refuse("holidays.required", "Vui lòng chọn ngày lễ mà thông báo quy định.")
                .Must(h => h!.Count <= Enum.GetValues<PublicHolidayKind>().Length).Refuse("holidays.too_many", "Thông báo nêu quá nhiều ngày lễ.")
                .Must(h => h!.All(k => EnumText.Parse<PublicHolidayKind>(k) is not null))
                .Refuse("holidays.unknown",
                    "Ngày lễ phải là NewYear, LunarNewYear, HungKings, ReunificationDay, LabourDay, NationalDay hoặc Other.")
                .Must(h => h!.Select(EnumText.Parse<PublicHolidayKind>).Distinct().Count() == h!.Count)
                .Refuse("holidays.duplicate", "Mỗi ngày lễ chỉ nêu một lần.")
                .Must(h => !h!.Select(EnumText.Parse<PublicHolidayKind>).Contains(PublicHolidayKind.Other) || h!.Count == 1)
                .Refuse("holidays.other_not_alone", "Ngày nghỉ khác (Other) được thông báo riêng, không gộp với các ngày lễ theo luật.");
            RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().When(x => x.Parsed.Contains(PublicHolidayKind.Other))
                .Refuse("name.required", "Vui lòng nhập tên của ngày nghỉ khác.")
                .Must(n => VietnameseText.Normalize(n).Length <= 200).Refuse("name.too_long", "Tên ngày nghỉ không được dài quá 200 ký tự.");
            RuleFor(x => x.Name).Empty().When(x => !x.Parsed.Contains(PublicHolidayKind.Other))
                .Refuse("name.only_for_other", "Chỉ ngày nghỉ khác (Other) có tên riêng; các ngày lễ theo luật dùng tên của luật.");
            RuleFor(x => x.DaysOff).Cascade(CascadeMode.Stop)
                .NotEmpty().Refuse("days_off.required", "Vui lòng nhập các ngày nghỉ mà thông báo quy định.")
                .Must(d => d!.Count <= MaxDaysOff).Refuse("days_off.too_many", $"Một thông báo có tối đa {MaxDaysOff} ngày nghỉ.")
                .Must(d => d!.Distinct().Count() == d!.Count).Refuse("days_off.duplicate", "Mỗi ngày nghỉ chỉ nêu một lần.");
            RuleFor(x => x.WorkingDays).Cascade(CascadeMode.Stop)
                .Must(d => d!.Count <= MaxWorkingDays).Refuse("working_days.too_many", $"Một thông báo có tối đa {MaxWorkingDays} ngày làm bù.")
                .Must(d => d!.Distinct().Count() == d!.Count).Refuse("working_days.duplicate", "Mỗi ngày làm bù chỉ nêu một lần.")
                .Must(d => d!.All(VietnamPublicHolidays.IsRest))
                .Refuse("working_days.not_rest_day", "Ngày làm bù phải là ngày nghỉ hằng tuần (thứ Bảy hoặc Chủ nhật) được hoán đổi để làm việc.")
                .When(x => x.WorkingDays is not null);
            RuleFor(x => x.DaysOff).Must((x, d) => d!.All(day => Within(x, day)))
                .When(x => x.DaysOff is { Count: > 0 } && x.Valid)
                .Refuse("days_off.outside_year", "Các ngày nghỉ phải thuộc năm của thông báo (Tết Dương lịch có thể bắt đầu từ 24/12 năm trước).");
            RuleFor(x => x.WorkingDays).Must((x, d) => d!.All(day => Within(x, day)))
                .When(x => x.WorkingDays is { Count: > 0 } && x.Valid)
                .Refuse("working_days.outside_year", "Các ngày làm bù phải thuộc năm của thông báo (Tết Dương lịch có thể bắt đầu từ 24/12 năm trước).");
            RuleFor(x => x.WorkingDays).Must((x, d) => !d!.Intersect(x.DaysOff ?? []).Any())
                .When(x => x.WorkingDays is { Count: > 0 })
                .Refuse("calendar.day_off_and_worked", "Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù.");
            RuleFor(x => x.Source).RequiredText("source", "văn bản công bố (cơ quan, số, ngày)", TextLimits.Note);
            RuleFor(x => x.ExpectedCalendarVersion).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("expected_calendar_version.required", "Vui lòng gửi số phiên bản lịch ngày làm việc đang sửa.")
                .GreaterThanOrEqualTo(1).Refuse("expected_calendar_version.invalid", "Số phiên bản phải từ 1 trở lên.");
        }

        private static bool Within(AnnouncePublicHolidays x, LocalDate day)
        {
            var a = x.ToAnnouncement(Guid.Empty);
            return day >= a.FirstAllowedDate() && day <= a.LastAllowedDate();
        }
    }

    /// <summary>A year and holidays the window of allowed dates can be computed from.</summary>
    private bool Valid => Year is >= VietnamPublicHolidays.FirstYear and <= VietnamPublicHolidays.LastYear
                          && Holidays is { Count: > 0 } && Parsed.All(k => k is not null) && DaysOff is not null;
}

public static class AnnouncePublicHolidaysEndpoint
{
    /// <summary>The fund's policy stream, which holds its working-day calendar (one per fund; tenant-scoped).</summary>
    public static Guid PolicyId() => FundPolicies.StreamId;

    public static ProblemDetails Validate(AnnouncePublicHolidays command,
        [Aggregate(Required = false, FromMethod = nameof(PolicyId))] FundPolicyStream? policy, LocalDate today) =>
        Refusal(command.Normalised(), CalendarOf(policy), today) ?? WolverineContinue.NoProblems;

    /// <summary>Records an announcement of the Government's days off (Admin): a new version of the fund's working-day
    /// calendar. For the holidays it names, its days replace the rule's days and any announcement in force for them
    /// (which it must then name in full). Refused: a change to whether a day before today is worked, a day both off
    /// and worked, the same decision as the one in force. Answers the year as the calendar now has it.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/policy/calendar/announcements", OperationId = "announcePublicHolidays")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<CalendarYearView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (CalendarYearView, Events) Post(AnnouncePublicHolidays command,
        [Aggregate(Required = false, FromMethod = nameof(PolicyId))] FundPolicyStream? policy, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var current = CalendarOf(policy);
        var announced = Decide(command.Normalised(), current, Guid.CreateVersion7(), user.ToActor(), now, today).Announced!;
        return (CalendarYearView.Of(current.Apply(announced), announced.Announcement.Year), [announced]);
    }

    internal static FundCalendar CalendarOf(FundPolicyStream? policy) => policy?.Calendar ?? FundCalendar.BuiltIn;

    /// <summary>The refusal of a validated, normalised command against the calendar in force, if any.</summary>
    public static ProblemDetails? Refusal(AnnouncePublicHolidays c, FundCalendar current, LocalDate today)
    {
        if (c.ExpectedCalendarVersion != current.Version)
            return CalendarChecks.VersionConflict(current, c.ExpectedCalendarVersion);
        var announcement = c.ToAnnouncement(Guid.Empty);
        var inForce = current.InForce;
        var replaced = inForce.Where(announcement.Overlaps).ToList();
        var missing = replaced.SelectMany(r => r.Holidays).Where(h => h != PublicHolidayKind.Other && !announcement.Holidays.Contains(h)).Distinct().ToList();
        if (missing.Count > 0)
            return Problems.Unprocessable("calendar.announcement_partly_replaced",
                $"Thông báo đang áp dụng cho năm {announcement.Year} ({string.Join("; ", replaced.Select(r => r.DisplayName()))}) quy định chung cả "
                + $"{string.Join(", ", missing.Select(VietnamPublicHolidays.NameOf))}: thông báo mới phải quy định lại tất cả các ngày lễ đó.");
        if (replaced.Any(announcement.SameDecisionAs))
            return Problems.Unprocessable("calendar.announcement_unchanged",
                $"Lịch nghỉ {announcement.DisplayName()} năm {announcement.Year} đã đúng như thông báo này: không có gì để cập nhật.");
        var after = VietnamPublicHolidays.InForce([.. inForce, announcement]);
        return CalendarChecks.Refusal(current, after, CalendarChecks.Years(announcement), today);
    }

    public sealed record Decision(ProblemDetails? Refusal, PublicHolidaysAnnounced? Announced);

    /// <summary>The pure decision over a validated, normalised command and the calendar in force.</summary>
    public static Decision Decide(AnnouncePublicHolidays c, FundCalendar current, Guid id, Actor actor, Instant now, LocalDate today) =>
        Refusal(c, current, today) is { } refused ? new(refused, null)
        : new(null, new PublicHolidaysAnnounced(current.Version + 1, c.ToAnnouncement(id), actor, now));
}
