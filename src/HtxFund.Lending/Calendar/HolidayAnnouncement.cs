using NodaTime;

namespace HtxFund.Lending;

/// <summary>The public holidays of Vietnam (Labour Code 2019 Art 112.1), and <see cref="Other"/> for a day off the
/// Government gives outside them.</summary>
public enum PublicHolidayKind
{
    /// <summary>Tết Dương lịch, 1 January.</summary>
    NewYear,

    /// <summary>Tết Âm lịch, five days.</summary>
    LunarNewYear,

    /// <summary>Giỗ Tổ Hùng Vương, 10/3 lunar.</summary>
    HungKings,

    /// <summary>Ngày Chiến thắng, 30 April.</summary>
    ReunificationDay,

    /// <summary>Ngày Quốc tế Lao động, 1 May.</summary>
    LabourDay,

    /// <summary>Quốc khánh, 2 September and one adjacent day.</summary>
    NationalDay,

    /// <summary>Another day off the Government announces (it has its own name).</summary>
    Other,
}

/// <summary>Why a date is a day off.</summary>
public enum HolidayBasis
{
    /// <summary>A public holiday of the Labour Code 2019 Art 112.1, its date computed by the rules for the year.</summary>
    Statutory,

    /// <summary>A weekday off because a statutory holiday fell on a weekly rest day (Labour Code 2019 Art 112.3).</summary>
    Compensatory,

    /// <summary>A day off the Government announced for the year (statutory, compensatory or bridge day as it decided).</summary>
    Announced,
}

/// <summary>A named day off. <paramref name="AnnouncementId"/> names the announcement it comes from, if any.</summary>
public sealed record PublicHoliday(LocalDate Date, PublicHolidayKind Holiday, string Name, HolidayBasis Basis, Guid? AnnouncementId = null);

/// <summary>A weekly rest day worked in exchange for a bridge day off, and the announcement that set it.</summary>
public sealed record MakeUpWorkingDay(LocalDate Date, string Name, Guid AnnouncementId);

/// <summary>
/// The Government's decision on the days off for one or more public holidays of a year (the Prime Minister decides the
/// Tết days and National Day's adjacent day each year, Labour Code 2019 Art 112.2, and approves bridges for the public
/// sector, a weekday off swapped against a Saturday worked). For the holidays it names, its <see cref="DaysOff"/>
/// replace the days the rules give (statutory and compensatory); <see cref="WorkingDays"/> are weekly rest days worked.
/// A day off may be a weekly rest day (the announced span, e.g. Saturday 25/01 to Sunday 02/02/2025). (Stored in events:
/// everything derived is a method, so only the decision itself is serialised.)
/// </summary>
public sealed record HolidayAnnouncement(
    Guid Id,
    int Year,
    IReadOnlyList<PublicHolidayKind> Holidays,
    IReadOnlyList<LocalDate> DaysOff,
    IReadOnlyList<LocalDate> WorkingDays,
    string Source,
    string? Name = null)
{
    /// <summary>The name days off are shown with: the announcement's own (a day of kind <see cref="PublicHolidayKind.Other"/>),
    /// or the names of the holidays it names.</summary>
    public string DisplayName() => Name ?? string.Join(" và ", Holidays.Order().Select(VietnamPublicHolidays.NameOf));

    /// <summary>The first date its days may fall on: 1 January of its year, or 24 December of the year before for
    /// New Year's Day (a bridge on 31/12 before it, as on Monday 31/12/2018).</summary>
    public LocalDate FirstAllowedDate() => Holidays.Contains(PublicHolidayKind.NewYear) ? new LocalDate(Year - 1, 12, 24) : new LocalDate(Year, 1, 1);

    /// <summary>The last date its days may fall on: 31 December of its year.</summary>
    public LocalDate LastAllowedDate() => new(Year, 12, 31);

    /// <summary>Whether this announcement and <paramref name="other"/> decide the same holiday of the same year (a statutory
    /// holiday both name, or two <see cref="PublicHolidayKind.Other"/> days of the same name): the later one replaces the earlier.</summary>
    public bool Overlaps(HolidayAnnouncement other) =>
        other.Year == Year
        && (Holidays.Any(k => k != PublicHolidayKind.Other && other.Holidays.Contains(k))
            || (Holidays.Contains(PublicHolidayKind.Other) && other.Holidays.Contains(PublicHolidayKind.Other)
                && string.Equals(Name?.Trim(), other.Name?.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>Same year, holidays, name and days (the order of the lists aside).</summary>
    public bool SameDecisionAs(HolidayAnnouncement other) =>
        other.Year == Year
        && other.Holidays.ToHashSet().SetEquals(Holidays)
        && string.Equals(Name?.Trim(), other.Name?.Trim(), StringComparison.OrdinalIgnoreCase)
        && other.DaysOff.ToHashSet().SetEquals(DaysOff)
        && other.WorkingDays.ToHashSet().SetEquals(WorkingDays);
}
