using NodaTime;

namespace HtxFund.Lending;

/// <summary>Why a date is a day off.</summary>
public enum HolidayBasis
{
    /// <summary>A public holiday fixed by the Labour Code 2019 Art 112.1 (dates of the lunar ones computed for the year).</summary>
    Statutory,

    /// <summary>A weekday off because a statutory holiday fell on a weekly rest day (Labour Code 2019 Art 112.3).</summary>
    Compensatory,

    /// <summary>A bridge day off announced by the Government for civil servants, swapped against a Saturday worked.</summary>
    AnnouncedBridge,
}

/// <summary>A named day off.</summary>
public sealed record PublicHoliday(LocalDate Date, string Name, HolidayBasis Basis);

/// <summary>
/// Vietnam's public holidays 2025–2027 as data, with weekends Saturday and Sunday.
/// <para>
/// Statutory days (Labour Code 2019 Art 112.1, 11 days): Tết Dương lịch 1/1; Tết Âm lịch 5 days; Giỗ Tổ Hùng Vương
/// 10/3 lunar; Reunification Day 30/4; Labour Day 1/5; National Day 2/9 plus one adjacent day (1/9 or 3/9).
/// When a holiday falls on a weekly rest day, the next working day is taken off (Art 112.3).
/// </para>
/// <para>
/// 2025, as announced by the Government Office for civil servants (reported December 2024): Tết 25/01–02/02/2025, nine days,
/// the five statutory Tết days falling on the weekdays 27/01–31/01 (lunar new year 29/01/2025); Hùng Kings Monday 07/04;
/// 30/04–04/05/2025 (Friday 02/05 bridged, Saturday 26/04 worked in exchange); National Day 30/08–02/09/2025 (01/09 and
/// 02/09 off). Bridges and make-up Saturdays bind the public sector; private employers may choose other days.
/// </para>
/// <para>
/// 2026, as approved by the Prime Minister (Government Office notice of 13/10/2025, reported by SGGP and Vietnam Briefing):
/// Tết 14/02–22/02/2026 (weekdays 16/02–20/02 off; lunar new year 17/02/2026); Hùng Kings 26/04/2026 is a Sunday,
/// compensated Monday 27/04; 30/04 and 01/05; National Day 29/08–02/09/2026 (Monday 31/08 bridged, Saturday 22/08 worked;
/// 01/09 and 02/09 are the statutory days).
/// </para>
/// <para>
/// 2027 is statutory only (no announcement confirmed when this was written): lunar new year 06/02/2027 (a Saturday),
/// Tết days taken as 05/02–09/02 with 10/02 and 11/02 compensating for the weekend; Hùng Kings 16/04/2027; 30/04; 01/05
/// (a Saturday, compensated Monday 03/05); National Day 02/09 with 03/09 assumed as the adjacent day. Replace these with
/// the announced break when it is published.
/// </para>
/// </summary>
public static class VietnamPublicHolidays
{
    private const string NewYear = "Tết Dương lịch";
    private const string Tet = "Tết Âm lịch";
    private const string HungKings = "Giỗ Tổ Hùng Vương";
    private const string Reunification = "Ngày Chiến thắng 30/4";
    private const string Labour = "Ngày Quốc tế Lao động 1/5";
    private const string NationalDay = "Quốc khánh 2/9";

    public static IReadOnlyList<PublicHoliday> Y2025 { get; } =
    [
        new(new LocalDate(2025, 1, 1), NewYear, HolidayBasis.Statutory),
        .. Range(new LocalDate(2025, 1, 27), 5, Tet, HolidayBasis.Statutory),
        new(new LocalDate(2025, 4, 7), HungKings, HolidayBasis.Statutory),
        new(new LocalDate(2025, 4, 30), Reunification, HolidayBasis.Statutory),
        new(new LocalDate(2025, 5, 1), Labour, HolidayBasis.Statutory),
        new(new LocalDate(2025, 5, 2), Labour, HolidayBasis.AnnouncedBridge),
        new(new LocalDate(2025, 9, 1), NationalDay, HolidayBasis.Statutory),
        new(new LocalDate(2025, 9, 2), NationalDay, HolidayBasis.Statutory),
    ];

    public static IReadOnlyList<PublicHoliday> Y2026 { get; } =
    [
        new(new LocalDate(2026, 1, 1), NewYear, HolidayBasis.Statutory),
        .. Range(new LocalDate(2026, 2, 16), 5, Tet, HolidayBasis.Statutory),
        new(new LocalDate(2026, 4, 26), HungKings, HolidayBasis.Statutory),
        new(new LocalDate(2026, 4, 27), HungKings, HolidayBasis.Compensatory),
        new(new LocalDate(2026, 4, 30), Reunification, HolidayBasis.Statutory),
        new(new LocalDate(2026, 5, 1), Labour, HolidayBasis.Statutory),
        new(new LocalDate(2026, 8, 31), NationalDay, HolidayBasis.AnnouncedBridge),
        new(new LocalDate(2026, 9, 1), NationalDay, HolidayBasis.Statutory),
        new(new LocalDate(2026, 9, 2), NationalDay, HolidayBasis.Statutory),
    ];

    public static IReadOnlyList<PublicHoliday> Y2027 { get; } =
    [
        new(new LocalDate(2027, 1, 1), NewYear, HolidayBasis.Statutory),
        .. Range(new LocalDate(2027, 2, 5), 5, Tet, HolidayBasis.Statutory),
        .. Range(new LocalDate(2027, 2, 10), 2, Tet, HolidayBasis.Compensatory),
        new(new LocalDate(2027, 4, 16), HungKings, HolidayBasis.Statutory),
        new(new LocalDate(2027, 4, 30), Reunification, HolidayBasis.Statutory),
        new(new LocalDate(2027, 5, 1), Labour, HolidayBasis.Statutory),
        new(new LocalDate(2027, 5, 3), Labour, HolidayBasis.Compensatory),
        new(new LocalDate(2027, 9, 2), NationalDay, HolidayBasis.Statutory),
        new(new LocalDate(2027, 9, 3), NationalDay, HolidayBasis.Statutory),
    ];

    /// <summary>Saturdays worked in exchange for an announced bridge day.</summary>
    public static IReadOnlyList<LocalDate> MakeUpWorkingDays { get; } =
    [
        new LocalDate(2025, 4, 26),
        new LocalDate(2026, 8, 22),
    ];

    public static IReadOnlyList<PublicHoliday> All { get; } = [.. Y2025, .. Y2026, .. Y2027];

    /// <summary>Saturday–Sunday weekends with all holidays and make-up days above.</summary>
    public static WorkingDayCalendar Calendar { get; } = WorkingDayCalendar.Create(
        [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday],
        All.Select(h => h.Date),
        MakeUpWorkingDays);

    private static IEnumerable<PublicHoliday> Range(LocalDate first, int days, string name, HolidayBasis basis) =>
        Enumerable.Range(0, days).Select(i => new PublicHoliday(first.PlusDays(i), name, basis));
}
