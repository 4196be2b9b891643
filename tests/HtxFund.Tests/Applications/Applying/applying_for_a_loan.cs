using Alba;
using HtxFund.Applications;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Applications.Applying;

public sealed class applying_for_a_loan(AppFixture fixture) : ApplicationContext(fixture)
{
    [Fact]
    public async Task a_cooperative_saves_a_draft_edits_it_and_submits_it()
    {
        var id = await Draft();
        var draft = await View(id, Coop);
        draft.Application.Status.ShouldBe(ApplicationStatus.Draft);
        draft.Application.Request.Amount.ShouldBe(2_000_000_000);
        draft.Application.Province.ShouldBe("Đắk Lắk");

        await Ok(Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Coop}");
            s.Put.Json(new { version = draft.Application.Version, request = Request(amount: 1_800_000_000) }).ToUrl($"/api/applications/{id}");
            s.IgnoreStatusCode();
        }));
        await Ok(Transition(id, "submit", new { }, Coop));

        var submitted = await View(id, Coop);
        submitted.Application.Status.ShouldBe(ApplicationStatus.Submitted);
        submitted.Application.Request.Amount.ShouldBe(1_800_000_000);
        submitted.Application.CompleteFileDate.ShouldBe(new NodaTime.LocalDate(2026, 11, 22));
        submitted.Application.History.Select(h => h.Action).ShouldBe(["drafted", "edited", "submitted"]);
        submitted.Application.History[2].Description.ShouldBe("Nộp hồ sơ vay cho quỹ; quỹ tiếp nhận hồ sơ số HS-2026-00001.");
        submitted.Application.ApplicationNumber.ShouldBe("HS-2026-00001");
    }

    [Fact]
    public async Task a_submitted_application_is_frozen()
    {
        var id = await Submitted();
        var before = await EventCount();
        var edit = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Coop}");
            s.Put.Json(new { version = 3, request = Request(amount: 1) }).ToUrl($"/api/applications/{id}"); // drafted, numbered, submitted
            s.IgnoreStatusCode();
        });
        await edit.ShouldBeRefusal(409, "application.invalid_state");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task own_equity_below_twenty_percent_is_refused_at_submission()
    {
        var id = await Draft(Request(amount: 1_000_000_000, investment: 1_500_000_000, equity: 200_000_000));
        var before = await EventCount();

        var result = await Transition(id, "submit", new { }, Coop);

        await result.ShouldBeRefusal(422, "application.own_equity_below_minimum");
        (await result.ReadAsTextAsync()).ShouldContain("300.000.000 ₫"); // 20 % of 1.5 bn, rounded up
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_second_pending_application_of_the_same_borrower_is_refused()
    {
        var first = await Submitted();
        var second = await Draft();
        var before = await EventCount();

        var result = await Transition(second, "submit", new { }, Coop);

        await result.ShouldBeRefusal(409, "application.duplicate_pending");
        (await result.ReadJson()).GetProperty("existingId").GetGuid().ShouldBe(first);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_out_of_province_borrower_is_refused_by_a_provincial_fund()
    {
        var elsewhere = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer),
            CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Lâm Đồng"));
        var coop = await TokenForUser(await CreateCooperativeUser(elsewhere));
        var id = await Draft(token: coop);
        var before = await EventCount();

        var result = await Transition(id, "submit", new { }, coop);

        await result.ShouldBeRefusal(422, "application.out_of_province");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_enterprise_member_cannot_borrow()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var member = await Post($"/api/cooperatives/{CooperativeId}/members",
            new { fullName = "Công ty TNHH Cà phê Ban Mê", membership = "Associate", isEnterprise = true, organisationTaxCode = NewTaxCode() }, staff);
        var memberId = (await member.ReadJson()).GetProperty("memberId").GetGuid();
        var before = await EventCount();

        var result = await Post("/api/applications", new { memberId, request = Request() }, Coop);

        await result.ShouldBeRefusal(422, "application.enterprise_member");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_individual_member_may_borrow_and_a_to_hop_tac_itself_may_not()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var tht = await RegisteredCooperative(staff, CooperativeScenarios.ValidRegistration(NewTaxCode()).With("type", "ToHopTac").With("memberCount", 4));
        var thtUser = await TokenForUser(await CreateCooperativeUser(tht));
        var member = await Post($"/api/cooperatives/{tht}/members", CooperativeScenarios.ValidMember(NewNationalId(), "H'Linh Niê"), staff);
        var memberId = (await member.ReadJson()).GetProperty("memberId").GetGuid();

        var itself = await Post("/api/applications", new { request = Request(amount: 300_000_000, investment: 500_000_000, equity: 150_000_000) }, thtUser);
        await itself.ShouldBeRefusal(422, "application.borrower_not_eligible");

        var forMember = await Post("/api/applications", new { memberId, request = Request(amount: 300_000_000, investment: 500_000_000, equity: 150_000_000) }, thtUser);
        forMember.Context.Response.StatusCode.ShouldBe(201, await forMember.ReadAsTextAsync());
        var id = Guid.Parse(forMember.Context.Response.Headers.Location.ToString().Split('/').Last());
        (await View(id, thtUser)).Application.BorrowerName.ShouldBe("H'Linh Niê");
    }

    [Theory]
    [InlineData("amount", 0L, "amount.out_of_range")]
    [InlineData("amount", 2_500_000_000L, "amount.above_financing_need")]
    [InlineData("termMonths", 0, "term_months.out_of_range")]
    [InlineData("method", "Whatever", "method.unknown")]
    [InlineData("frequency", "Weekly", "frequency.unknown")]
    [InlineData("purpose", "", "purpose.required")]
    public async Task a_malformed_request_is_refused_and_appends_nothing(string field, object value, string code)
    {
        var result = await Post("/api/applications", new { request = Request().With(field, value) }, Coop);
        await result.ShouldBeRefusal(400, code);
        (await EventCount()).ShouldBe(2); // the capital contribution and the cooperative's registration only
    }

    [Fact]
    public async Task collateral_or_an_unsecured_request_is_required_but_not_both()
    {
        var neither = await Post("/api/applications", new { request = Request().With("collateral", Array.Empty<object>()) }, Coop);
        await neither.ShouldBeRefusal(400, "collateral.required");
        var unsecured = await Post("/api/applications",
            new { request = Request().With("collateral", Array.Empty<object>()).With("unsecuredRequested", true) }, Coop);
        unsecured.Context.Response.StatusCode.ShouldBe(201);
    }

    [Fact]
    public async Task a_stale_version_gets_409_with_the_current_version()
    {
        var id = await Draft();
        var before = await EventCount();

        var result = await Post($"/api/applications/{id}/submit", new { version = 0 }, Coop);

        await result.ShouldBeRefusal(409, "application.version_conflict");
        (await result.ReadJson()).GetProperty("currentVersion").GetInt64().ShouldBe(1);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_replayed_idempotency_key_returns_the_first_draft_and_starts_no_second_stream()
    {
        var key = Guid.NewGuid().ToString();
        Task<IScenarioResult> Start() => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Coop}");
            s.WithRequestHeader(IdempotencyMiddleware.Header, key);
            s.Post.Json(new { request = Request() }).ToUrl("/api/applications");
            s.IgnoreStatusCode();
        });

        var first = await Start();
        var events = await EventCount();
        var replay = await Start();

        replay.Context.Response.StatusCode.ShouldBe(201);
        replay.Context.Response.Headers.Location.ToString().ShouldBe(first.Context.Response.Headers.Location.ToString());
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task another_cooperatives_application_is_not_found()
    {
        var id = await Draft();
        var other = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer));
        var otherUser = await TokenForUser(await CreateCooperativeUser(other));

        (await Get($"/api/applications/{id}", otherUser)).Context.Response.StatusCode.ShouldBe(404);
        var submit = await Post($"/api/applications/{id}/submit", new { version = 1 }, otherUser);
        await submit.ShouldBeRefusal(404, "application.not_found");
        (await Get($"/api/applications/{id}", await TokenFor(Roles.CreditOfficer, FundB))).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task staff_cannot_start_an_application_and_a_cooperative_cannot_appraise()
    {
        (await Post("/api/applications", new { request = Request() }, await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        var id = await Submitted();
        (await Transition(id, "appraisal", Appraisal(1_000_000_000), Coop)).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task the_applicant_withdraws_a_pending_application()
    {
        var id = await Submitted();
        await Ok(Transition(id, "withdraw", new { reason = "Đã thu xếp được vốn khác" }, Coop));
        (await View(id, Coop)).Application.Status.ShouldBe(ApplicationStatus.Withdrawn);
        var again = await Transition(id, "withdraw", new { reason = "x" }, Coop);
        await again.ShouldBeRefusal(409, "application.invalid_state");
    }
}
