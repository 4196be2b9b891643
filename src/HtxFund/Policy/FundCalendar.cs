using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Policy;

// ---- Events of the fund's policy stream (beside FundPolicyAdopted): the working-day calendar's own versions. ----

/// <summary>An administrator recorded the Government's announcement of the days off for one or more public holidays of a
/// year (calendar version = previous + 1). It replaces the announcements in force that it overlaps.</summary>
public sealed record PublicHolidaysAnnounced(int CalendarVersion, HolidayAnnouncement Announcement, Actor By, Instant At);

/// <summary>An administrator withdrew an announcement in force, with a reason (calendar version = previous + 1): the
/// holidays it named follow the rules again.</summary>
public sealed record HolidayAnnouncementWithdrawn(int CalendarVersion, Guid AnnouncementId, string Reason, Actor By, Instant At);

/// <summary>One version of the calendar after version 1: an announcement recorded or withdrawn, by whom and when.</summary>
public sealed record CalendarChange(int Version, HolidayAnnouncement? Announced, Guid? Withdrawn, string? Reason, Actor By, Instant At);

/// <summary>
/// The fund's working-day calendar: Vietnam's public holidays from the rules (<see cref="VietnamPublicHolidays"/>), the
/// built-in announcements of 2025 and 2026 (version 1), and the announcements the fund's administrators recorded or
/// withdrew since, each a new version. Versions are numbered on their own, apart from the policy's. A schedule records
/// the version whose calendar placed its due dates.
/// </summary>
public sealed record FundCalendar
{
    /// <summary>Version 1: the rules and the built-in announcements.</summary>
    public static FundCalendar BuiltIn { get; } = new();

    public int Version { get; init; } = 1;

    /// <summary>Every change after version 1, oldest first.</summary>
    public IReadOnlyList<CalendarChange> Changes { get; init; } = [];

    public FundCalendar Apply(PublicHolidaysAnnounced e) =>
        this with { Version = e.CalendarVersion, Changes = [.. Changes, new CalendarChange(e.CalendarVersion, e.Announcement, null, null, e.By, e.At)] };

    public FundCalendar Apply(HolidayAnnouncementWithdrawn e) =>
        this with { Version = e.CalendarVersion, Changes = [.. Changes, new CalendarChange(e.CalendarVersion, null, e.AnnouncementId, e.Reason, e.By, e.At)] };

    /// <summary>The announcements in force: the built-in ones, then each change in order (an announcement replaces those it
    /// overlaps, a withdrawal removes one).</summary>
    [JsonIgnore]
    public IReadOnlyList<HolidayAnnouncement> InForce
    {
        get
        {
            var list = new List<HolidayAnnouncement>(VietnamPublicHolidays.BuiltIn);
            foreach (var change in Changes)
            {
                if (change.Announced is { } announced)
                    list = [.. VietnamPublicHolidays.InForce([.. list, announced])];
                else
                    list.RemoveAll(a => a.Id == change.Withdrawn);
            }
            return list;
        }
    }

    // Calendars built from changes, shared by every request that reads the same changes (their year tables are computed
    // once). The key is the sequence of announcement ids (created by the server, so unique to a fund) and withdrawals.
    private static readonly ConcurrentDictionary<string, WorkingDayCalendar> Built = new();
    private const int MaxBuilt = 256;

    /// <summary>The engine's calendar of this version.</summary>
    public WorkingDayCalendar WorkingDays()
    {
        if (Changes.Count == 0)
            return VietnamPublicHolidays.Calendar;
        var key = $"{Version}:{string.Join(',', Changes.Select(c => c.Announced is { } a ? $"+{a.Id:N}" : $"-{c.Withdrawn:N}"))}";
        if (Built.TryGetValue(key, out var calendar))
            return calendar;
        if (Built.Count >= MaxBuilt)
            Built.Clear();
        return Built.GetOrAdd(key, _ => VietnamPublicHolidays.Create(Version, InForce, withBuiltIn: false));
    }

    /// <summary>Who recorded an announcement in force (null for a built-in one) and when.</summary>
    public CalendarChange? RecordOf(Guid announcementId) =>
        Changes.LastOrDefault(c => c.Announced?.Id == announcementId);
}
