using System.Text.Json;
using HtxFund.Infrastructure.Database;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Tests.Infrastructure.Database;

/// <summary>The store's fast LocalDate/Instant converters write the same text as NodaTime's ISO converters and read
/// what those read (and refuse what they refuse).</summary>
public sealed class iso_json_converters
{
    private static readonly JsonSerializerOptions Fast = Options(o =>
    {
        o.Converters.Add(IsoJsonConverters.LocalDate);
        o.Converters.Add(IsoJsonConverters.Instant);
        o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    });
    private static readonly JsonSerializerOptions Noda = Options(o => o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));

    private static JsonSerializerOptions Options(Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions();
        configure(options);
        return options;
    }

    private sealed record Sample(LocalDate Date, Instant At, LocalDate? Maybe, Instant? MaybeAt);

    private static IEnumerable<Instant> Instants(Random random)
    {
        yield return Instant.FromUtc(2026, 11, 22, 3, 0, 0);
        yield return Instant.FromUtc(1, 1, 1, 0, 0, 0);
        yield return Instant.FromUtc(9999, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_999);
        yield return Instant.FromUtc(2024, 2, 29, 12, 30, 15).PlusNanoseconds(100);
        yield return Instant.FromUtc(2024, 2, 29, 12, 30, 15).PlusNanoseconds(120_000_000);
        yield return Instant.MinValue;
        yield return Instant.FromUtc(-5, 3, 1, 0, 0, 0);
        var min = Instant.FromUtc(1, 1, 1, 0, 0, 0).ToUnixTimeTicks();
        var max = Instant.FromUtc(9999, 12, 31, 0, 0, 0).ToUnixTimeTicks();
        for (var i = 0; i < 2000; i++)
        {
            var at = Instant.FromUnixTimeTicks(min + (long)(random.NextDouble() * (max - min)));
            yield return (i % 4) switch
            {
                0 => at,
                1 => at.PlusNanoseconds(random.Next(0, 100)),
                2 => Instant.FromUnixTimeSeconds(at.ToUnixTimeSeconds()),
                _ => Instant.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()),
            };
        }
    }

    [Fact]
    public void dates_and_instants_are_written_as_nodatime_writes_them_and_read_back_equal()
    {
        var random = new Random(20261122);
        foreach (var at in Instants(random))
        {
            var sample = new Sample(at.InUtc().Date, at, random.Next(2) == 0 ? null : at.InUtc().Date, random.Next(2) == 0 ? null : at);
            var fast = JsonSerializer.Serialize(sample, Fast);
            fast.ShouldBe(JsonSerializer.Serialize(sample, Noda));
            JsonSerializer.Deserialize<Sample>(fast, Fast).ShouldBe(sample);
            JsonSerializer.Deserialize<Sample>(fast, Noda).ShouldBe(sample);
        }
    }

    [Theory]
    [InlineData("\"2026-11-22\"")]
    [InlineData("\"2024-02-29\"")]
    [InlineData("\"0001-01-01\"")]
    [InlineData("\"-0005-03-01\"")]
    [InlineData("\"2026\\u002D11-22\"")]
    public void dates_nodatime_accepts_are_read_the_same(string json) =>
        JsonSerializer.Deserialize<LocalDate>(json, Fast).ShouldBe(JsonSerializer.Deserialize<LocalDate>(json, Noda));

    [Theory]
    [InlineData("\"2026-11-22T03:00:00Z\"")]
    [InlineData("\"2026-11-22T03:00:00.5Z\"")]
    [InlineData("\"2026-11-22T03:00:00.123456789Z\"")]
    [InlineData("\"2026-11-22T03:00:00,25Z\"")]
    [InlineData("\"2026-11-22T03:00:00.500Z\"")]
    [InlineData("\"2026-11-22T24:00:00Z\"")]
    public void instants_nodatime_accepts_are_read_the_same(string json) =>
        JsonSerializer.Deserialize<Instant>(json, Fast).ShouldBe(JsonSerializer.Deserialize<Instant>(json, Noda));

    [Theory]
    [InlineData("\"2026-02-29\"")]
    [InlineData("\"2026-13-01\"")]
    [InlineData("\"2026-11-31\"")]
    [InlineData("\"2026-1-22\"")]
    [InlineData("\"2026-11-22T00:00:00Z\"")]
    [InlineData("\"\"")]
    [InlineData("20261122")]
    public void dates_nodatime_refuses_are_refused(string json)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<LocalDate>(json, Noda));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<LocalDate>(json, Fast));
    }

    [Theory]
    [InlineData("\"2026-11-22T03:60:00Z\"")]
    [InlineData("\"2026-11-22T03:00:60Z\"")]
    [InlineData("\"2026-02-30T03:00:00Z\"")]
    [InlineData("\"2026-11-22T03:00:00.Z\"")]
    [InlineData("\"2026-11-22T03:00:00.1234567890Z\"")]
    [InlineData("\"2026-11-22T03:00:00+07:00\"")]
    [InlineData("\"2026-11-22T03:00:00\"")]
    [InlineData("\"2026-11-22\"")]
    [InlineData("1")]
    public void instants_nodatime_refuses_are_refused(string json)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Instant>(json, Noda));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Instant>(json, Fast));
    }
}
