using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Applications.Appraising;

public sealed class previewing_a_schedule(AppFixture fixture) : IntegrationContext(fixture)
{
    private static object Terms(string startDate, int termMonths, string frequency = "Monthly") => new
    {
        amount = 240_000_000, annualRatePercent = 6.0m, termMonths, method = "EqualPrincipal", frequency, graceMonths = 0, startDate,
    };

    private static LocalDate Date(JsonElement row) => LocalDate.FromDateOnly(DateOnly.Parse(row.GetProperty("dueDate").GetString()!));

    [Fact]
    public async Task a_two_year_schedule_from_26_12_2026_puts_no_instalment_in_the_2028_lunar_new_year()
    {
        var result = await Post("/api/schedule-preview", Terms("2026-12-26", 24), await TokenFor(Roles.CreditOfficer));

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var json = await result.ReadJson();
        var dues = json.GetProperty("rows").EnumerateArray().Select(Date).ToArray();
        dues.Length.ShouldBe(24);
        // Lunar new year 2028 is Wednesday 26/01/2028; the rule's Tết is its eve to lunar 4/1 (25/01–29/01), Saturday 29/01
        // compensated on Monday 31/01: instalment 13 (26/01) moves to Tuesday 01/02/2028.
        dues[12].ShouldBe(new LocalDate(2028, 2, 1));
        var tet2028 = Enumerable.Range(0, 7).Select(i => new LocalDate(2028, 1, 25).PlusDays(i)).ToHashSet();
        dues.ShouldAllBe(d => !tet2028.Contains(d) && d.DayOfWeek != IsoDayOfWeek.Saturday && d.DayOfWeek != IsoDayOfWeek.Sunday);
    }

    [Theory]
    [InlineData("2190-06-01", 240)] // due dates up to 2210, past the calendar's 2199
    [InlineData("1899-06-01", 12)]
    public async Task a_start_date_outside_the_dates_the_fund_accepts_is_refused_clearly_before_any_schedule_is_placed(string startDate, int termMonths)
    {
        // The working-day calendar places due dates from 1900 to 2199; the edge accepts dates from 1900 to 2100 only, so a
        // schedule the calendar could not place never reaches it.
        var before = await EventCount();

        var result = await Post("/api/schedule-preview", Terms(startDate, termMonths), await TokenFor(Roles.CreditOfficer));

        await result.ShouldBeRefusal(400, "date.out_of_range");
        (await result.ReadJson()).GetProperty("errors").GetProperty("startDate")[0].GetString()!.ShouldContain("01/01/1900 – 31/12/2100");
        (await EventCount()).ShouldBe(before);
    }
}
