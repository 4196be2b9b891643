using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Infrastructure.Http;

public sealed class idempotent_posts(AppFixture fixture) : CooperativeContext(fixture)
{

    [Fact]
    public async Task a_replayed_request_returns_the_first_response_and_appends_nothing()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var body = CooperativeScenarios.ValidRegistration(NewTaxCode());
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKey("/api/cooperatives", body, token, key);
        var events = await EventCount();
        var replay = await PostWithKey("/api/cooperatives", body, token, key);

        first.Context.Response.StatusCode.ShouldBe(201);
        replay.Context.Response.StatusCode.ShouldBe(201);
        replay.Context.Response.Headers.Location.ToString().ShouldBe(first.Context.Response.Headers.Location.ToString());
        (await replay.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
        replay.Context.Response.Headers[IdempotencyMiddleware.ReplayedHeader].ToString().ShouldBe("true");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_replayed_refusal_is_replayed_too()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var body = CooperativeScenarios.ValidRegistration("123");
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKey("/api/cooperatives", body, token, key);
        var replay = await PostWithKey("/api/cooperatives", body, token, key);

        first.Context.Response.StatusCode.ShouldBe(400);
        replay.Context.Response.StatusCode.ShouldBe(400);
        (await replay.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_refused_and_appends_nothing()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var key = Guid.NewGuid().ToString();
        await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), token, key);
        var events = await EventCount();

        var reused = await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), token, key);

        reused.Context.Response.StatusCode.ShouldBe(422);
        (await reused.ProblemCode()).ShouldBe("idempotency.key_reused");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task keys_belong_to_one_user_so_another_users_key_does_not_collide()
    {
        var key = Guid.NewGuid().ToString();
        var a = await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), await TokenFor(Roles.CreditOfficer), key);
        var b = await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), await TokenFor(Roles.Admin), key);

        a.Context.Response.StatusCode.ShouldBe(201);
        b.Context.Response.StatusCode.ShouldBe(201);
        b.Context.Response.Headers.Location.ToString().ShouldNotBe(a.Context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task a_malformed_key_is_refused()
    {
        var result = await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()),
            await TokenFor(Roles.CreditOfficer), "có dấu và khoảng trắng");
        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("idempotency.key_invalid");
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public async Task concurrent_requests_with_one_key_register_exactly_one_cooperative()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var body = CooperativeScenarios.ValidRegistration(NewTaxCode());
        var key = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostWithKey("/api/cooperatives", body, token, key)));

        var codes = results.Select(r => r.Context.Response.StatusCode).ToArray();
        codes.ShouldAllBe(c => c == 201 || c == 409);
        codes.ShouldContain(201);
        (await EventCount()).ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/capital/contributions")]
    [InlineData("/api/capital/withdrawals")]
    [InlineData("/api/capital/retained-results")]
    public async Task a_money_movement_without_an_idempotency_key_is_refused_with_428(string url)
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Post.Json(new { amount = 1_000_000_000, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2026-01-01", valueDate = "2026-01-02" }).ToUrl(url);
            s.IgnoreStatusCode();
        });
        result.Context.Response.StatusCode.ShouldBe(428);
        (await result.ProblemCode()).ShouldBe("idempotency.key_required");
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public async Task records_older_than_two_days_are_purged()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), token, "old-key");
        Clock.Advance(Duration.FromDays(2) + Duration.FromMinutes(1));
        var later = await TokenFor(Roles.Admin); // the first session has expired by now
        (await PostWithKey("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), later, "new-key"))
            .Context.Response.StatusCode.ShouldBe(201);

        using (var scope = Host.Services.CreateScope())
            await ActivatorUtilities.CreateInstance<PurgeIdempotencyRecordsJob>(scope.ServiceProvider).Run(CancellationToken.None);

        await using var session = Store.QuerySession();
        var left = await session.Query<IdempotencyRecord>().Select(x => x.Id).ToListAsync();
        left.ShouldHaveSingleItem().ShouldEndWith(":new-key");
    }
}
