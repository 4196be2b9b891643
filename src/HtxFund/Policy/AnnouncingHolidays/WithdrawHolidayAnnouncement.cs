using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Policy.GettingTheCalendar;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Policy.AnnouncingHolidays;

/// <summary>Withdraws an announcement in force (recorded by mistake, or revoked), with the reason and the calendar version
/// the administrator edited: the holidays it named follow the rules again.</summary>
public sealed record WithdrawHolidayAnnouncement(string? Reason, int? ExpectedCalendarVersion)
{
    public WithdrawHolidayAnnouncement Normalised() => this with { Reason = VietnameseText.Normalize(Reason) };

    public sealed class Validator : AbstractValidator<WithdrawHolidayAnnouncement>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).RequiredText("reason", "lý do rút thông báo", TextLimits.Note);
            RuleFor(x => x.ExpectedCalendarVersion).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("expected_calendar_version.required", "Vui lòng gửi số phiên bản lịch ngày làm việc đang sửa.")
                .GreaterThanOrEqualTo(1).Refuse("expected_calendar_version.invalid", "Số phiên bản phải từ 1 trở lên.");
        }
    }
}

public static class WithdrawHolidayAnnouncementEndpoint
{
    /// <summary>The fund's policy stream, which holds its working-day calendar (one per fund; tenant-scoped).</summary>
    public static Guid PolicyId() => FundPolicies.StreamId;

    public static ProblemDetails Validate(Guid id, WithdrawHolidayAnnouncement command,
        [Aggregate(Required = false, FromMethod = nameof(PolicyId))] FundPolicyStream? policy, LocalDate today) =>
        Refusal(id, command, AnnouncePublicHolidaysEndpoint.CalendarOf(policy), today) ?? WolverineContinue.NoProblems;

    /// <summary>Withdraws an announcement in force, built-in ones included (Admin): a new version of the fund's working-day
    /// calendar. Refused when it would change whether a day before today is worked. Answers the announcement's year as
    /// the calendar now has it.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/policy/calendar/announcements/{id}/withdrawal", OperationId = "withdrawHolidayAnnouncement")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<CalendarYearView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (CalendarYearView, Events) Post(Guid id, WithdrawHolidayAnnouncement command,
        [Aggregate(Required = false, FromMethod = nameof(PolicyId))] FundPolicyStream? policy, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var current = AnnouncePublicHolidaysEndpoint.CalendarOf(policy);
        var withdrawn = Decide(id, command.Normalised(), current, user.ToActor(), now, today).Withdrawn!;
        var year = current.InForce.Single(a => a.Id == id).Year;
        return (CalendarYearView.Of(current.Apply(withdrawn), year), [withdrawn]);
    }

    /// <summary>404 for an announcement not in force, 409 for a stale calendar version, and the calendar's own checks.</summary>
    public static ProblemDetails? Refusal(Guid id, WithdrawHolidayAnnouncement c, FundCalendar current, LocalDate today)
    {
        var inForce = current.InForce;
        if (inForce.FirstOrDefault(a => a.Id == id) is not { } announcement)
            return Problems.NotFound("calendar.announcement_not_found", "Không có thông báo ngày nghỉ nào đang áp dụng với mã này.");
        if (c.ExpectedCalendarVersion != current.Version)
            return CalendarChecks.VersionConflict(current, c.ExpectedCalendarVersion);
        return CalendarChecks.Refusal(current, inForce.Where(a => a.Id != id).ToList(), CalendarChecks.Years(announcement), today);
    }

    public sealed record Decision(ProblemDetails? Refusal, HolidayAnnouncementWithdrawn? Withdrawn);

    /// <summary>The pure decision over a validated, normalised command and the calendar in force.</summary>
    public static Decision Decide(Guid id, WithdrawHolidayAnnouncement c, FundCalendar current, Actor actor, Instant now, LocalDate today) =>
        Refusal(id, c, current, today) is { } refused ? new(refused, null)
        : new(null, new HolidayAnnouncementWithdrawn(current.Version + 1, id, c.Reason!, actor, now));
}
