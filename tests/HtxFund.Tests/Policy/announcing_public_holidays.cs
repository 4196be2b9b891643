using System.Text.Json;
using Alba;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Policy.GettingTheCalendar;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Policy;

/// <summary>The fund's working-day calendar: announcements recorded and withdrawn by an administrator (today is 22/11/2026).</summary>
public sealed class announcing_public_holidays(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Announcements = "/api/policy/calendar/announcements";

    /// <summary>Tết 2027 as two days before lunar 1/1 and three after (04/02–08/02, weekend included), Friday 12/02 bridged
    /// against Saturday 20/02: the rules would give 05/02–11/02.</summary>
    private static Dictionary<string, object?> Tet2027(int expectedCalendarVersion = 1) => new()
    {
        ["year"] = 2027,
        ["holidays"] = new[] { "LunarNewYear" },
        ["daysOff"] = Enumerable.Range(0, 9).Select(i => new LocalDate(2027, 2, 4).PlusDays(i).ToString("yyyy-MM-dd", null)).ToArray(),
        ["workingDays"] = new[] { "2027-02-20" },
        ["source"] = "Văn phòng Chính phủ, văn bản 9999/VPCP-KGVX ngày 15/11/2026 (thử nghiệm)",
        ["expectedCalendarVersion"] = expectedCalendarVersion,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string key, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [key] = value };
        if (value is null) copy.Remove(key);
        return copy;
    }

    private async Task<IScenarioResult> Announce(object body, string? token = null) =>
        await Post(Announcements, body, token ?? await TokenFor(Roles.Admin));

    private async Task RefusedWith(object body, int status, string code)
    {
        var before = await EventCount();
        await (await Announce(body)).ShouldBeRefusal(status, code);
        (await EventCount()).ShouldBe(before, "a refused announcement appends no event");
    }

    private async Task<CalendarYearView> Year(int year, string fund = FundA)
    {
        var result = await Get($"/api/policy/calendar/{year}", await TokenFor(Roles.CreditOfficer, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CalendarYearView>();
    }

    private async Task<JsonElement> Preview(string startDate, int termMonths, string fund = FundA)
    {
        var result = await Post("/api/schedule-preview", new
        {
            amount = 120_000_000, annualRatePercent = 6m, termMonths, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 0, startDate,
        }, await TokenFor(Roles.CreditOfficer, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.ReadJson();
    }

    [Fact]
    public async Task an_admin_records_an_announcement_that_moves_the_funds_later_due_dates_and_not_the_other_funds()
    {
        // before: 12/02/2027 is a working day under the rules in both funds
        (await Preview("2027-01-12", 1)).GetProperty("rows")[0].GetProperty("dueDate").GetString().ShouldBe("2027-02-12");

        var result = await Announce(Tet2027());

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var answered = await result.Read<CalendarYearView>();
        answered.CalendarVersion.ShouldBe(2);
        answered.DaysOff.Where(d => d.Holiday == PublicHolidayKind.LunarNewYear).Select(d => d.Date)
            .ShouldBe(Enumerable.Range(0, 9).Select(i => new LocalDate(2027, 2, 4).PlusDays(i)));

        var year = await Year(2027);
        year.CalendarVersion.ShouldBe(2);
        year.DaysOff.ShouldContain(d => d.Date == new LocalDate(2027, 2, 12) && d.Basis == HolidayBasis.Announced);
        year.DaysOff.Where(d => d.Holiday == PublicHolidayKind.LunarNewYear).ShouldAllBe(d => d.Basis == HolidayBasis.Announced,
            "the rule's Tết days and compensations give way to the announcement");
        year.WorkingDays.Single().Date.ShouldBe(new LocalDate(2027, 2, 20));
        var announcement = year.Announcements.Single(a => a.Holidays.Contains(PublicHolidayKind.LunarNewYear));
        announcement.BuiltIn.ShouldBeFalse();
        announcement.RecordedInVersion.ShouldBe(2);
        announcement.RecordedBy!.UserName.ShouldBe(UserName(FundA, Roles.Admin));
        announcement.RecordedAt.ShouldBe(AppFixture.Start);
        announcement.Source.ShouldContain("9999/VPCP-KGVX");

        var moved = await Preview("2027-01-12", 1);
        moved.GetProperty("rows")[0].GetProperty("dueDate").GetString().ShouldBe("2027-02-15");
        moved.GetProperty("calendarVersion").GetInt32().ShouldBe(2);
        moved.GetProperty("policyVersion").GetInt32().ShouldBe(1, "the calendar is versioned apart from the policy");
        (await Preview("2027-01-20", 1)).GetProperty("rows")[0].GetProperty("dueDate").GetString()
            .ShouldBe("2027-02-20", "Saturday 20/02/2027 is a make-up working day: a due date on it stays");

        // the other fund keeps version 1 and the rules
        var other = await Preview("2027-01-12", 1, FundB);
        other.GetProperty("rows")[0].GetProperty("dueDate").GetString().ShouldBe("2027-02-12");
        other.GetProperty("calendarVersion").GetInt32().ShouldBe(1);
        (await Year(2027, FundB)).DaysOff.ShouldContain(d => d.Date == new LocalDate(2027, 2, 10) && d.Basis == HolidayBasis.Compensatory);
        await using var b = Store.QuerySession(FundB);
        (await FundPolicies.CurrentAsync(b, default)).Calendar.Version.ShouldBe(1);
    }

    [Fact]
    public async Task recording_an_announcement_does_not_move_the_policy_version_and_adopting_a_policy_does_not_move_the_calendar()
    {
        (await Announce(Tet2027())).Context.Response.StatusCode.ShouldBe(200);
        var admin = await TokenFor(Roles.Admin);
        var adopt = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new { settings = FundPolicySettings.Default with { SingleBorrowerLimitPercent = 12m }, reason = "Quy chế mới", expectedVersion = 1 })
                .ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        adopt.Context.Response.StatusCode.ShouldBe(200, await adopt.ReadAsTextAsync());
        (await adopt.ReadJson()).GetProperty("calendar").GetProperty("version").GetInt32().ShouldBe(2);

        var policy = await (await Get("/api/policy", await TokenFor(Roles.Director))).Read<FundPolicy>();
        policy.Version.ShouldBe(2);
        policy.Calendar.Version.ShouldBe(2);
        policy.ToLendingPolicy().Calendar.Version.ShouldBe(2);
        policy.ToLendingPolicy().Calendar.IsWorkingDay(new LocalDate(2027, 2, 12)).ShouldBeFalse();
        var hungKings = With(With(With(Tet2027(2), "holidays", new[] { "HungKings" }), "daysOff", new[] { "2027-04-16" }), "workingDays", null);
        (await Announce(hungKings)).Context.Response.StatusCode.ShouldBe(200);
        var after = await (await Get("/api/policy", await TokenFor(Roles.Director))).Read<FundPolicy>();
        after.Version.ShouldBe(2);
        after.Calendar.Version.ShouldBe(3);
    }

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "no_year", 400, "year.required" },
        { "year_2200", 400, "year.out_of_range" },
        { "no_holidays", 400, "holidays.required" },
        { "unknown_holiday", 400, "holidays.unknown" },
        { "holiday_twice", 400, "holidays.duplicate" },
        { "other_with_tet", 400, "holidays.other_not_alone" },
        { "other_without_name", 400, "name.required" },
        { "name_for_tet", 400, "name.only_for_other" },
        { "no_days_off", 400, "days_off.required" },
        { "day_off_twice", 400, "days_off.duplicate" },
        { "day_off_next_year", 400, "days_off.outside_year" },
        { "december_before_tet", 400, "days_off.outside_year" },
        { "too_many_days_off", 400, "days_off.too_many" },
        { "working_wednesday", 400, "working_days.not_rest_day" },
        { "working_day_outside_year", 400, "working_days.outside_year" },
        { "off_and_worked", 400, "calendar.day_off_and_worked" },
        { "worked_on_a_rule_holiday", 400, "calendar.day_off_and_worked" },
        { "no_source", 400, "source.required" },
        { "no_version", 400, "expected_calendar_version.required" },
        { "stale_version", 409, "calendar.version_conflict" },
        { "past_days_changed", 422, "calendar.changes_past_days" },
    };

    private static Dictionary<string, object?> Broken(string what)
    {
        var tet = Tet2027();
        return what switch
        {
            "no_year" => With(tet, "year", null),
            "year_2200" => With(tet, "year", 2200),
            "no_holidays" => With(tet, "holidays", Array.Empty<string>()),
            "unknown_holiday" => With(tet, "holidays", new[] { "Christmas" }),
            "holiday_twice" => With(tet, "holidays", new[] { "LunarNewYear", "lunarnewyear" }),
            "other_with_tet" => With(With(tet, "holidays", new[] { "Other", "LunarNewYear" }), "name", "Nghỉ thêm"),
            "other_without_name" => With(tet, "holidays", new[] { "Other" }),
            "name_for_tet" => With(tet, "name", "Tết Đinh Mùi"),
            "no_days_off" => With(tet, "daysOff", Array.Empty<string>()),
            "day_off_twice" => With(tet, "daysOff", new[] { "2027-02-05", "2027-02-05" }),
            "day_off_next_year" => With(tet, "daysOff", new[] { "2028-01-25" }),
            "december_before_tet" => With(tet, "daysOff", new[] { "2026-12-31" }),
            "too_many_days_off" => With(tet, "daysOff", Enumerable.Range(0, 32).Select(i => new LocalDate(2027, 1, 1).PlusDays(i).ToString("yyyy-MM-dd", null)).ToArray()),
            "working_wednesday" => With(tet, "workingDays", new[] { "2027-02-17" }),
            "working_day_outside_year" => With(tet, "workingDays", new[] { "2028-01-08" }),
            "off_and_worked" => With(tet, "workingDays", new[] { "2027-02-06" }),
            // Labour Day 2027 is Saturday 01/05: the rules keep it a day off, so it cannot be a make-up working day
            "worked_on_a_rule_holiday" => With(tet, "workingDays", new[] { "2027-05-01" }),
            "no_source" => With(tet, "source", null),
            "no_version" => With(tet, "expectedCalendarVersion", null),
            "stale_version" => Tet2027(expectedCalendarVersion: 2),
            // Hùng Kings 2026 (26/04, compensated 27/04) is over: moving it changes days already used
            "past_days_changed" => new Dictionary<string, object?>
            {
                ["year"] = 2026, ["holidays"] = new[] { "HungKings" }, ["daysOff"] = new[] { "2026-04-24" },
                ["source"] = "Thử sửa quá khứ", ["expectedCalendarVersion"] = 1,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task a_bad_announcement_is_refused_and_appends_nothing(string what, int status, string code)
    {
        await RefusedWith(Broken(what), status, code);
        (await Year(2027)).CalendarVersion.ShouldBe(1);
    }

    [Fact]
    public async Task a_refusal_to_change_the_past_lists_the_days_it_would_change()
    {
        var result = await Announce(Broken("past_days_changed"));

        await result.ShouldBeRefusal(422, "calendar.changes_past_days");
        var json = await result.ReadJson();
        json.GetProperty("dates").EnumerateArray().Select(d => d.GetString()).ShouldBe(["2026-04-24", "2026-04-27"]);
        json.GetProperty("detail").GetString()!.ShouldContain("24/04/2026");
    }

    [Fact]
    public async Task the_same_decision_again_or_one_that_leaves_a_holiday_of_the_announcement_in_force_undecided_is_refused()
    {
        var both = new Dictionary<string, object?>
        {
            ["year"] = 2027, ["holidays"] = new[] { "ReunificationDay", "LabourDay" },
            ["daysOff"] = new[] { "2027-04-30", "2027-05-01", "2027-05-02", "2027-05-03" },
            ["source"] = "Thông báo nghỉ lễ 30/4 – 1/5/2027", ["expectedCalendarVersion"] = 1,
        };
        (await Announce(both)).Context.Response.StatusCode.ShouldBe(200);

        await RefusedWith(With(With(both, "expectedCalendarVersion", 2), "daysOff", new[] { "2027-05-03", "2027-05-02", "2027-05-01", "2027-04-30" }),
            422, "calendar.announcement_unchanged");
        await RefusedWith(With(With(both, "expectedCalendarVersion", 2), "holidays", new[] { "LabourDay" }), 422, "calendar.announcement_partly_replaced");

        // naming both again with other days corrects it: version 3 replaces version 2's announcement
        var corrected = await Announce(With(With(both, "expectedCalendarVersion", 2), "daysOff", new[] { "2027-04-30", "2027-05-01", "2027-05-03" }));
        corrected.Context.Response.StatusCode.ShouldBe(200, await corrected.ReadAsTextAsync());
        var year = await Year(2027);
        year.CalendarVersion.ShouldBe(3);
        year.Announcements.Where(a => a.Holidays.Contains(PublicHolidayKind.LabourDay)).ShouldHaveSingleItem().RecordedInVersion.ShouldBe(3);
        year.DaysOff.ShouldNotContain(d => d.Date == new LocalDate(2027, 5, 2) && d.Basis == HolidayBasis.Announced);
    }

    [Fact]
    public async Task an_announcement_is_withdrawn_with_a_reason_and_its_holiday_follows_the_rules_again()
    {
        var announced = await (await Announce(Tet2027())).Read<CalendarYearView>();
        var id = announced.Announcements.Single(a => !a.BuiltIn).Id;

        await (await Post($"{Announcements}/{id}/withdrawal", new { reason = "Nhập nhầm năm", expectedCalendarVersion = 1 }, await TokenFor(Roles.Admin)))
            .ShouldBeRefusal(409, "calendar.version_conflict");
        await (await Post($"{Announcements}/{id}/withdrawal", new { expectedCalendarVersion = 2 }, await TokenFor(Roles.Admin)))
            .ShouldBeRefusal(400, "reason.required");
        await (await Post($"{Announcements}/{Guid.NewGuid()}/withdrawal", new { reason = "x", expectedCalendarVersion = 2 }, await TokenFor(Roles.Admin)))
            .ShouldBeRefusal(404, "calendar.announcement_not_found");
        // a built-in announcement of a past holiday cannot be withdrawn: its days were used
        await (await Post($"{Announcements}/{VietnamPublicHolidays.BuiltIn[0].Id}/withdrawal", new { reason = "x", expectedCalendarVersion = 2 },
            await TokenFor(Roles.Admin))).ShouldBeRefusal(422, "calendar.changes_past_days");

        var withdrawn = await Post($"{Announcements}/{id}/withdrawal", new { reason = "Nhập nhầm: Chính phủ chưa công bố", expectedCalendarVersion = 2 },
            await TokenFor(Roles.Admin));

        withdrawn.Context.Response.StatusCode.ShouldBe(200, await withdrawn.ReadAsTextAsync());
        var year = await Year(2027);
        year.CalendarVersion.ShouldBe(3);
        year.DaysOff.Where(d => d.Holiday == PublicHolidayKind.LunarNewYear).ShouldAllBe(d => d.Basis != HolidayBasis.Announced);
        year.DaysOff.ShouldContain(d => d.Date == new LocalDate(2027, 2, 10) && d.Basis == HolidayBasis.Compensatory);
        year.WorkingDays.ShouldBeEmpty();

        var history = await (await Get("/api/policy/calendar/history", await TokenFor(Roles.Admin))).Read<CalendarHistory>();
        history.CurrentVersion.ShouldBe(3);
        history.BuiltIn.Count.ShouldBe(VietnamPublicHolidays.BuiltIn.Count);
        history.Versions.Select(v => (v.Version, v.Action)).ShouldBe([(2, "announced"), (3, "withdrawn")]);
        history.Versions[1].Reason.ShouldBe("Nhập nhầm: Chính phủ chưa công bố");
        history.Versions[1].Announcement.Id.ShouldBe(id);
        history.Versions[1].By.UserName.ShouldBe(UserName(FundA, Roles.Admin));
    }

    [Fact]
    public async Task only_an_admin_records_or_withdraws_announcements_only_staff_read_the_calendar_and_only_an_admin_its_history()
    {
        var before = await EventCount();
        foreach (var role in new[] { Roles.Director, Roles.CreditOfficer, Roles.ChiefAccountant, Roles.BoardMember })
        {
            (await Announce(Tet2027(), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
            (await Post($"{Announcements}/{VietnamPublicHolidays.BuiltIn[^1].Id}/withdrawal", new { reason = "x", expectedCalendarVersion = 1 },
                await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
            (await Get("/api/policy/calendar/history", await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
        }
        (await Post(Announcements, Tet2027(), null)).Context.Response.StatusCode.ShouldBe(401);
        (await Get("/api/policy/calendar/2027", null)).Context.Response.StatusCode.ShouldBe(401);
        (await EventCount()).ShouldBe(before);

        var cooperative = await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()));
        (await Get("/api/policy/calendar/2027", cooperative)).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/policy/calendar/2027", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(200);
        await (await Get("/api/policy/calendar/2200", await TokenFor(Roles.Accountant))).ShouldBeRefusal(400, "year.out_of_range");
    }

    [Fact]
    public async Task one_funds_announcement_cannot_be_withdrawn_by_another_fund()
    {
        var id = (await (await Announce(Tet2027())).Read<CalendarYearView>()).Announcements.Single(a => !a.BuiltIn).Id;
        var before = await EventCount();

        await (await Post($"{Announcements}/{id}/withdrawal", new { reason = "x", expectedCalendarVersion = 1 }, await TokenFor(Roles.Admin, FundB)))
            .ShouldBeRefusal(404, "calendar.announcement_not_found");

        (await EventCount()).ShouldBe(before);
        (await Year(2027)).CalendarVersion.ShouldBe(2);
    }
}
