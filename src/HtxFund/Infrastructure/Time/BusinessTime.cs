using NodaTime;

namespace HtxFund.Infrastructure.Time;

/// <summary>The fund's business calendar: every business date is a <see cref="LocalDate"/> in this zone
/// (configuration <c>HtxFund:TimeZone</c>, default Asia/Ho_Chi_Minh).</summary>
public sealed class BusinessTime(IClock clock, DateTimeZone zone)
{
    public DateTimeZone Zone { get; } = zone;
    public Instant Now => clock.GetCurrentInstant();
    public LocalDate Today => clock.GetCurrentInstant().InZone(Zone).Date;
    public LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;
}

public static class TimeSetup
{
    public const string DefaultZone = "Asia/Ho_Chi_Minh";

    /// <summary>Development only: the business clock starts at this instant (ISO-8601, e.g. 2026-11-22T03:00:00Z) when
    /// the process starts and runs on at normal speed. The failure tests run the app as a separate process on data
    /// made at the test fixture's fixed date; ignored (with an error) outside Development.</summary>
    public const string ClockStartSetting = "HtxFund:Time:ClockStart";

    public static IServiceCollection AddHtxFundTime(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment? environment = null)
    {
        var zoneId = configuration["HtxFund:TimeZone"] ?? DefaultZone;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                   ?? throw new InvalidOperationException($"Unknown time zone '{zoneId}' in HtxFund:TimeZone.");
        if (configuration[ClockStartSetting] is { Length: > 0 } start)
        {
            if (environment?.IsDevelopment() != true)
                throw new InvalidOperationException($"{ClockStartSetting} is a Development-only setting; remove it.");
            var parsed = NodaTime.Text.InstantPattern.ExtendedIso.Parse(start);
            if (!parsed.Success) throw new InvalidOperationException($"{ClockStartSetting} '{start}' is not an ISO-8601 instant.");
            services.AddSingleton<IClock>(new ShiftedClock(parsed.Value));
        }
        else
        {
            services.AddSingleton<IClock>(SystemClock.Instance);
        }
        services.AddSingleton(sp => new BusinessTime(sp.GetRequiredService<IClock>(), zone));
        return services;
    }
}

/// <summary>A clock that reads <c>start</c> when created and then runs at the system clock's pace.</summary>
internal sealed class ShiftedClock(Instant start) : IClock
{
    private readonly Duration _offset = start - SystemClock.Instance.GetCurrentInstant();
    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + _offset;
}
