using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reminders.Notifications;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Notices.Preferences;

/// <summary>One kind of notice as its reader chooses: emailed or not (in-app is always on).</summary>
public sealed record NoticePreferenceView(string Kind, string Label, bool Email, bool InApp = true);

/// <summary>The caller's choices, for the kinds that concern their roles.</summary>
public sealed record NoticePreferencesView(IReadOnlyList<NoticePreferenceView> Kinds)
{
    public static NoticePreferencesView Of(ClaimsPrincipal user, NoticePreferences? preferences) =>
        new(NoticeKinds.For(user.ToActor().Roles).Select(i => new NoticePreferenceView(i.Kind.ToString(), i.Label, preferences?.Emails(i.Kind) ?? true)).ToArray());
}

/// <summary>Turn off the email of the kinds in <paramref name="EmailOff"/>; every other kind of the caller's roles is
/// emailed. In-app notifications cannot be turned off.</summary>
public sealed record SetNotificationPreferences(IReadOnlyList<string>? EmailOff)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<NoticeKind> Parsed => [.. (EmailOff ?? []).Select(k => EnumText.Parse<NoticeKind>(k)!.Value).Distinct()];

    public sealed class Validator : AbstractValidator<SetNotificationPreferences>
    {
        public Validator()
        {
            RuleFor(x => x.EmailOff).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("email_off.required", "Vui lòng gửi danh sách loại thông báo tắt thư (có thể rỗng).")
                .Must(k => k!.Count <= Enum.GetValues<NoticeKind>().Length).Refuse("email_off.too_many", "Danh sách nêu quá nhiều loại thông báo.")
                .Must(k => k!.All(x => EnumText.Parse<NoticeKind>(x) is not null))
                .Refuse("email_off.unknown_kind", "Loại thông báo không hợp lệ.");
        }
    }
}

public static class GetNotificationPreferencesEndpoint
{
    /// <summary>Which kinds of notice reach the caller by email, for the kinds that concern their roles (all on until turned off).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/me/notification-preferences", OperationId = "getNotificationPreferences")]
    [Tags("Thông báo")]
    [ProducesResponseType<NoticePreferencesView>(200)]
    public static async Task<NoticePreferencesView> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        NoticePreferencesView.Of(user, await session.LoadAsync<NoticePreferences>(user.UserId(), ct));

}

public static class SetNotificationPreferencesEndpoint
{
    /// <summary>A kind that does not concern the caller's roles is refused (<c>notice_preferences.not_for_your_roles</c>):
    /// nobody chooses for notices they never receive.</summary>
    public static ProblemDetails Validate(SetNotificationPreferences command, ClaimsPrincipal user)
    {
        var mine = NoticeKinds.For(user.ToActor().Roles).Select(i => i.Kind).ToHashSet();
        var foreign = command.Parsed.Where(k => !mine.Contains(k)).ToArray();
        return foreign.Length == 0
            ? WolverineContinue.NoProblems
            : Problems.Create(StatusCodes.Status400BadRequest, "notice_preferences.not_for_your_roles", "Loại thông báo không dành cho bạn",
                $"Các loại thông báo {string.Join(", ", foreign)} không gửi đến vai trò của bạn nên không thể chọn.");
    }

    /// <summary>Sets which kinds of notice the caller receives by email (the list turns email off; in-app stays on).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePut("/api/me/notification-preferences", OperationId = "setNotificationPreferences")]
    [Tags("Thông báo")]
    [ProducesResponseType<NoticePreferencesView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static (NoticePreferencesView, IMartenOp) Put(SetNotificationPreferences command, ClaimsPrincipal user, Instant now)
    {
        var preferences = new NoticePreferences { Id = user.UserId(), EmailOff = [.. command.Parsed.Order()], ChangedAt = now };
        return (NoticePreferencesView.Of(user, preferences), MartenOps.Store(preferences));
    }
}
