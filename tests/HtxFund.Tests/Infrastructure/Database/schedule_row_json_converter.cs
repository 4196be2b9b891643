using System.Text.Json;
using HtxFund.Applications;
using HtxFund.Infrastructure.Database;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Tests.Infrastructure.Database;

/// <summary>The store's <see cref="ScheduleRowJsonConverter"/> writes and reads what System.Text.Json's default
/// (reflection) contract with the store's options writes and reads.</summary>
public sealed class schedule_row_json_converter
{
    private static JsonSerializerOptions Options(bool fast)
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        if (fast) options.Converters.Add(new ScheduleRowJsonConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }

    private static readonly JsonSerializerOptions Fast = Options(fast: true);
    private static readonly JsonSerializerOptions Default = Options(fast: false);

    private sealed record Holder(string Note, IReadOnlyList<ScheduleRow> Schedule, ScheduleRow? Last);

    [Fact]
    public void schedule_rows_are_stored_as_the_default_contract_stores_them()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(1, 60).Select(n => new ScheduleRow(n, new LocalDate(2026, 1, 1).PlusDays(random.Next(0, 4000)),
            random.NextInt64(0, 10_000_000_000), random.NextInt64(0, 1_000_000_000), random.NextInt64(-5, long.MaxValue / 4), random.NextInt64())).ToArray();
        var holder = new Holder("lịch trả nợ", rows, null);
        var fast = JsonSerializer.Serialize(holder, Fast);
        fast.ShouldBe(JsonSerializer.Serialize(holder, Default));
        JsonSerializer.Deserialize<Holder>(fast, Fast)!.Schedule.ShouldBe(rows);
        JsonSerializer.Deserialize<Holder>(fast, Fast)!.Last.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"number":3,"dueDate":"2026-02-28","principal":10,"interest":2,"total":12,"balanceAfter":90}""")]
    [InlineData("""{"balanceAfter":90,"total":12,"interest":2,"principal":10,"dueDate":"2026-02-28","number":3}""")]
    [InlineData("""{"number":3,"extra":{"a":[1,2,{"b":null}]},"dueDate":"2026-02-28","principal":10}""")]
    [InlineData("""{"Number":3,"dueDate":"2026-02-28"}""")]
    [InlineData("""{}""")]
    public void rows_in_any_order_with_unknown_or_missing_fields_are_read_as_the_default_contract_reads_them(string json) =>
        JsonSerializer.Deserialize<ScheduleRow>(json, Fast).ShouldBe(JsonSerializer.Deserialize<ScheduleRow>(json, Default));

    [Theory]
    [InlineData("""{"number":"3"}""")]
    [InlineData("""{"number":3.5}""")]
    [InlineData("""{"principal":true}""")]
    [InlineData("""{"dueDate":"2026-02-30"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"number":3""")]
    public void rows_the_default_contract_refuses_are_refused(string json)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ScheduleRow>(json, Default));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ScheduleRow>(json, Fast));
    }
}
