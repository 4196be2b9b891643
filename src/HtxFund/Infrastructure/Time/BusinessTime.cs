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

    public static IServiceCollection AddHtxFundTime(this IServiceCollection services, IConfiguration configuration)
    {
        var zoneId = configuration["HtxFund:TimeZone"] ?? DefaultZone;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                   ?? throw new InvalidOperationException($"Unknown time zone '{zoneId}' in HtxFund:TimeZone.");
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(sp => new BusinessTime(sp.GetRequiredService<IClock>(), zone));
        return services;
    }
}
