using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Applications.Listing;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Applications.Listing;

public sealed class listing_applications(AppFixture fixture) : ApplicationContext(fixture)
{
    private async Task<PagedResult<ApplicationSummary>> Queue(string query, string? token = null)
    {
        var result = await Get($"/api/applications?{query}", token ?? await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<PagedResult<ApplicationSummary>>();
    }

    [Fact]
    public async Task a_day_off_the_government_announces_moves_the_processing_target()
    {
        // Submitted Sunday 22/11/2026: 10 working days end on Friday 04/12; an announced day off on Wednesday 02/12 moves it
        var id = await Submitted();
        var announced = await Post("/api/policy/calendar/announcements", new
        {
            year = 2026, holidays = new[] { "Other" }, name = "Ngày nghỉ đặc biệt", daysOff = new[] { "2026-12-02" },
            source = "Quyết định thử nghiệm", expectedCalendarVersion = 1,
        }, await TokenFor(Roles.Admin));
        announced.Context.Response.StatusCode.ShouldBe(200, await announced.ReadAsTextAsync());

        var view = await View(id, await TokenFor(Roles.CreditOfficer));
        view.ProcessingTime.TargetDate.ShouldBe(new LocalDate(2026, 12, 7));
        Clock.Advance(Duration.FromDays(12)); // Friday 04/12: 9 working days, not late
        (await Queue("lateOnly=true", await TokenFor(Roles.Director))).Items.ShouldBeEmpty();
        (await Queue("status=Submitted", await TokenFor(Roles.Director))).Items.Single().ProcessingTime.WorkingDays.ShouldBe(9);
    }

    [Fact]
    public async Task processing_time_counts_working_days_and_flags_late_files()
    {
        // Submitted Sunday 22/11/2026. A 36-month loan is medium-term: target 10 working days.
        var id = await Submitted();
        var officer = await TokenFor(Roles.CreditOfficer); // signed in before the clock moves past the session

        var fresh = (await Queue("status=Submitted", officer)).Items.Single();
        fresh.ProcessingTime.WorkingDays.ShouldBe(0);
        fresh.ProcessingTime.TargetWorkingDays.ShouldBe(10);
        fresh.ProcessingTime.TermClass.ShouldBe("Medium");
        fresh.ProcessingTime.TargetDate.ShouldBe(new LocalDate(2026, 12, 4)); // Mon 23/11 .. Fri 4/12
        fresh.ProcessingTime.Late.ShouldBeFalse();

        Clock.Advance(Duration.FromDays(12)); // Friday 04/12/2026: 10 working days, due
        var due = (await Queue("status=Submitted", await TokenFor(Roles.Director))).Items.Single();
        due.ProcessingTime.WorkingDays.ShouldBe(10);
        due.ProcessingTime.Late.ShouldBeFalse();

        Clock.Advance(Duration.FromDays(3)); // Monday 07/12: 11 working days
        var director = await TokenFor(Roles.Accountant);
        var late = (await Queue("lateOnly=true", director)).Items.Single();
        late.Id.ShouldBe(id);
        late.ProcessingTime.WorkingDays.ShouldBe(11);
        late.ProcessingTime.Late.ShouldBeTrue();
        (await Queue("minAgeWorkingDays=11", director)).Items.Single().Id.ShouldBe(id);
        (await Queue("minAgeWorkingDays=12", director)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task staff_filter_by_status_province_priority_and_amount_and_never_see_drafts()
    {
        await Draft(); // a draft stays the applicant's
        var submitted = await Submitted(Request(amount: 1_000_000_000));
        var lamDong = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer),
            CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Lâm Đồng"));
        var otherUser = await TokenForUser(await CreateCooperativeUser(lamDong));
        var withdrawn = await Draft(Request(amount: 500_000_000, investment: 800_000_000, equity: 300_000_000)
            .With("priority", new { womenManaged = true }), token: otherUser);
        await Ok(Transition(withdrawn, "withdraw", new { reason = "Không cần nữa" }, otherUser));

        (await Queue("")).Items.Select(x => x.Id).ShouldBe([submitted, withdrawn], ignoreOrder: true);
        (await Queue("status=Submitted")).Items.Single().Id.ShouldBe(submitted);
        (await Queue("province=Lam%20Dong")).Items.Single().Id.ShouldBe(withdrawn);
        (await Queue("priority=womenManaged")).Items.Single().Id.ShouldBe(withdrawn);
        (await Queue("priority=ocopProduct")).Items.Single().Id.ShouldBe(submitted);
        (await Queue("minAmount=600000000")).Items.Single().Id.ShouldBe(submitted);
        (await Queue("sort=-amount")).Items.Select(x => x.Amount).ShouldBe([1_000_000_000L, 500_000_000L]);
    }

    [Fact]
    public async Task a_cooperative_lists_only_its_own_applications_including_drafts()
    {
        var own = await Draft();
        var other = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer));
        var otherUser = await TokenForUser(await CreateCooperativeUser(other));
        await Draft(token: otherUser);

        var mine = await Queue("", Coop);

        mine.Items.Single().Id.ShouldBe(own);
        mine.Items.Single().StatusName.ShouldBe("Bản nháp");
    }

    [Fact]
    public void the_age_filter_bound_agrees_with_counting_working_days_for_every_start_and_age_over_a_year()
    {
        var calendar = HtxFund.Lending.LendingPolicy.Default.Calendar;
        for (var today = new LocalDate(2026, 1, 1); today <= new LocalDate(2026, 12, 31); today = today.PlusDays(7))
        for (var age = 1; age <= 20; age++)
        {
            var bound = ListApplicationsEndpoint.LatestCompleteFileDate(today, age, calendar);
            for (var start = today.PlusDays(-40); start <= today; start = start.PlusDays(1))
                (calendar.WorkingDaysBetween(start, today) >= age).ShouldBe(start <= bound, $"today {today}, age {age}, start {start}");
        }
    }

    [Theory]
    [InlineData("status=Lost", "status.unknown")]
    [InlineData("priority=rich", "priority.unknown")]
    [InlineData("sort=random", "sort.unknown")]
    [InlineData("pageSize=1000", "page_size.out_of_range")]
    public async Task bad_queue_parameters_are_refused(string query, string code)
    {
        var result = await Get($"/api/applications?{query}", await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain(code);
    }

    [Fact]
    public async Task the_register_never_holds_one_decision_number_twice_in_a_fund()
    {
        var first = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        await Ok(Transition(first, "decision", new { approve = true }, await TokenFor(Roles.Director)));
        await using var session = Store.LightweightSession(FundA);
        var decided = await session.LoadAsync<ApplicationDetails>(first);
        decided!.Decision!.DecisionNumber.ShouldBe("1/QĐ-QHTX");

        // Another application's read model claiming the same number, as a racing decision would.
        session.Store(decided with { Id = Guid.NewGuid() });
        var refused = await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());
        refused.ToString().ShouldContain("uix_application_decision_number");
    }

    [Fact]
    public async Task read_models_rebuilt_from_the_events_are_identical()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 400_000_000);
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));
        var second = await Draft(Request(amount: 300_000_000, investment: 500_000_000, equity: 200_000_000));
        await using var before = Store.QuerySession(FundA);
        var expected = (await before.Query<ApplicationDetails>().OrderBy(x => x.Id).ToListAsync())
            .Select(d => System.Text.Json.JsonSerializer.Serialize(d, TestJson.Options)).ToList();
        expected.Count.ShouldBe(2);

        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<ApplicationDetailsProjection>(CancellationToken.None);

        await using var after = Store.QuerySession(FundA);
        var rebuilt = (await after.Query<ApplicationDetails>().OrderBy(x => x.Id).ToListAsync())
            .Select(d => System.Text.Json.JsonSerializer.Serialize(d, TestJson.Options)).ToList();
        rebuilt.ShouldBe(expected);
        second.ShouldNotBe(id);
    }
}
