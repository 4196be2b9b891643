using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy.GettingTheCalendar;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    public static async Task<IResult> Post(Guid id, WithdrawHolidayAnnouncement command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var normalised = command.Normalised();
        var invalid = Validation.Check(normalised, new WithdrawHolidayAnnouncement.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);

        var stream = await session.Events.FetchForWriting<FundPolicyStream>(FundPolicies.StreamId, ct);
        var current = stream.Aggregate?.Calendar ?? FundCalendar.BuiltIn;
        var decision = Decide(id, normalised, current, user.ToActor(), time.Now, time.Today);
        if (decision.Refusal is not null) return Results.Problem(decision.Refusal);

        stream.AppendOne(decision.Withdrawn!);
        var year = current.InForce.Single(a => a.Id == id).Year;
        return Results.Ok(CalendarYearView.Of(current.Apply(decision.Withdrawn!), year));
    }

    public sealed record Decision(ProblemDetails? Refusal, HolidayAnnouncementWithdrawn? Withdrawn);

    /// <summary>The pure decision over a validated, normalised command and the calendar in force.</summary>
    public static Decision Decide(Guid id, WithdrawHolidayAnnouncement c, FundCalendar current, Actor actor, Instant now, LocalDate today)
    {
        var inForce = current.InForce;
        if (inForce.FirstOrDefault(a => a.Id == id) is not { } announcement)
            return new(Problems.NotFound("calendar.announcement_not_found", "Không có thông báo ngày nghỉ nào đang áp dụng với mã này."), null);
        if (c.ExpectedCalendarVersion != current.Version)
            return new(CalendarChecks.VersionConflict(current, c.ExpectedCalendarVersion), null);
        var after = inForce.Where(a => a.Id != id).ToList();
        if (CalendarChecks.Refusal(current, after, CalendarChecks.Years(announcement), today) is { } refusal)
            return new(refusal, null);
        return new(null, new HolidayAnnouncementWithdrawn(current.Version + 1, id, c.Reason!, actor, now));
    }
}
