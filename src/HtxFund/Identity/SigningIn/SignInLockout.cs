using System.Globalization;
using HtxFund.Reminders.Sending;
using NodaTime;

namespace HtxFund.Identity.SigningIn;

/// <summary>A lock of a real user's account by failed sign-ins (unknown names are locked too, but nobody is told).
/// Recorded in the transaction that applied the lock, with its email (<see cref="SendLockoutEmail"/>) in Wolverine's
/// durable outbox; shown to the user after their next successful sign-in (<see cref="SecurityNotice"/>).</summary>
public sealed record SignInLockout
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string UserName { get; init; }
    public required string FundId { get; init; }
    public LockScope Scope { get; init; }
    /// <summary>The client address the failures came from (the last of them, for a lock of the whole account).</summary>
    public required string Address { get; init; }
    public int Failures { get; init; }
    public int AddressCount { get; init; }
    public Instant At { get; init; }
    /// <summary><see cref="At"/> in Unix milliseconds, for queries (stored in the JSON).</summary>
    public long AtUnixMs => At.ToUnixTimeMilliseconds();
    public Instant Until { get; init; }
    public LockoutEmailState Email { get; init; }
    public string? EmailTo { get; init; }
    public int EmailAttempts { get; init; }
    public string? EmailError { get; init; }
    public Instant? EmailAt { get; init; }

    public static SignInLockout From(LockApplied applied, UserAccount user, LockoutEmailState email) => new()
    {
        Id = Guid.CreateVersion7(), UserId = user.Id, UserName = user.UserName, FundId = user.FundId, Scope = applied.Scope,
        Address = applied.Address, Failures = applied.Failures, AddressCount = applied.AddressCount, At = applied.At, Until = applied.Until,
        Email = email, EmailTo = user.Email,
    };

    /// <summary>The lockout's facts, without its wording.</summary>
    public SecurityNotice ToNotice() => new(Scope == LockScope.Address ? "auth.locked_at_address" : "auth.locked_everywhere", Scope,
        UserName, At, Until, Address, Failures, AddressCount, "");
}

public enum LockoutEmailState
{
    /// <summary>In the outbox: being sent, or waiting for the SMTP server to come back.</summary>
    Pending,
    Sent,
    /// <summary>Another lockout of the account was emailed less than <see cref="SecurityOptions.LockoutEmailIntervalMinutes"/> ago.</summary>
    Grouped,
    /// <summary>The user has no email address.</summary>
    NoAddress,
    /// <summary>No SMTP server is configured (<c>HtxFund:Smtp:Host</c>).</summary>
    NotConfigured,
    /// <summary>The SMTP server refused the address permanently (5xx).</summary>
    Undeliverable,
}

/// <summary>What a user is told after signing in: a lock of their account since their previous sign-in.</summary>
/// <param name="Code"><c>auth.locked_at_address</c> or <c>auth.locked_everywhere</c>.</param>
/// <param name="Message">Vietnamese, for people.</param>
public sealed record SecurityNotice(string Code, LockScope Scope, string UserName, Instant At, Instant LockedUntil, string Address,
    int Failures, int AddressCount, string Message)
{
    public static SecurityNotice Of(SignInLockout lockout, DateTimeZone zone)
    {
        var notice = lockout.ToNotice();
        return notice with { Message = LockoutText.Sentence(notice, zone) };
    }
}

/// <summary>The Vietnamese wording of a lockout, for the email, the API's notice and the page (which translates the
/// templates with its resources).</summary>
public static class LockoutText
{
    /// <summary>{0} when, {1} failures, {2} address, {3} user name, {4} until.</summary>
    public const string AddressTemplate =
        "Lúc {0}, sau {1} lần đăng nhập sai từ địa chỉ {2}, tài khoản {3} bị tạm khóa đăng nhập từ địa chỉ này đến {4}. " +
        "Đăng nhập từ các địa chỉ khác không bị ảnh hưởng.";

    /// <summary>{0} when, {1} failures, {2} number of addresses, {3} last address, {4} user name, {5} until.</summary>
    public const string AccountTemplate =
        "Lúc {0}, sau {1} lần đăng nhập sai từ {2} địa chỉ khác nhau (lần cuối từ địa chỉ {3}), tài khoản {4} bị tạm khóa " +
        "đăng nhập đến {5} từ mọi địa chỉ, trừ những địa chỉ bạn đã đăng nhập thành công gần đây.";

    public const string Advice =
        "Nếu đó là bạn, hãy đợi hết thời gian khóa rồi đăng nhập lại với mật khẩu đúng. Nếu không phải bạn, có thể có người " +
        "đang dò mật khẩu của bạn: hãy báo ngay cho quản trị viên của quỹ để được đổi mật khẩu.";

    /// <summary>22/11/2026 10:05 in the business time zone (as the pages show instants).</summary>
    public static string Time(Instant at, DateTimeZone zone) =>
        at.InZone(zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The template of a notice and its arguments (times in <paramref name="zone"/>).</summary>
    public static (string Template, object[] Arguments) Parts(SecurityNotice n, DateTimeZone zone) => n.Scope switch
    {
        LockScope.Address => (AddressTemplate, [Time(n.At, zone), n.Failures, n.Address, n.UserName, Time(n.LockedUntil, zone)]),
        _ => (AccountTemplate, [Time(n.At, zone), n.Failures, n.AddressCount, n.Address, n.UserName, Time(n.LockedUntil, zone)]),
    };

    /// <summary>One sentence: when, from where, how many failures, until when, and what still works.</summary>
    public static string Sentence(SecurityNotice notice, DateTimeZone zone)
    {
        var (template, arguments) = Parts(notice, zone);
        return string.Format(CultureInfo.InvariantCulture, template, arguments);
    }

    public static ReminderText Email(SignInLockout l, string displayName, string fundName, DateTimeZone zone) => new(
        $"Cảnh báo bảo mật: tài khoản {l.UserName} bị tạm khóa đăng nhập",
        $"Kính gửi {displayName},",
        [Sentence(l.ToNotice(), zone), Advice],
        [
            ("Thời điểm khóa", Time(l.At, zone)),
            ("Địa chỉ đăng nhập sai", l.Scope == LockScope.Address ? l.Address : $"{l.AddressCount} địa chỉ, lần cuối {l.Address}"),
            ("Số lần đăng nhập sai", l.Failures.ToString(CultureInfo.InvariantCulture)),
            ("Khóa đến", Time(l.Until, zone)),
        ],
        $"Trân trọng,\n{fundName}");
}
