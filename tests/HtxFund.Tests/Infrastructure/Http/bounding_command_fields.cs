using System.Text.Json;
using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Infrastructure.Http.BadInput;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Infrastructure.Http;

/// <summary>
/// Issue 16, item 8: every field has a bound from the domain, from the shared validator helpers (Validation, TextLimits):
/// dates within a window (a loan's start within a year of today, records not before 1990, a member not joining before
/// 1945), amounts above 0 where the domain needs them (own equity: Decree 45/2021 Art 22.5; a declared collateral's
/// value) and not above 10^15 đồng, free text by kind of field (references 100, names 200, descriptions 500, notes and
/// reasons 2000). Each case sends the endpoint's plausible body (BadInputCorpus) with one field out of bounds to an
/// unknown id: validators run before anything is loaded, so the refusal must name that field, and nothing is written.
/// Before issue 16 each of these was accepted (or, for a start past 9997, answered 500).
/// </summary>
public sealed class bounding_command_fields(AppFixture fixture) : CooperativeContext(fixture)
{
    private static readonly string Note2001 = JsonSerializer.Serialize(new string('n', 2001));

    [Theory]
    // dates (today is 22/11/2026)
    [InlineData("POST", "/api/schedule-preview", "startDate", "\"2001-01-01\"", "proposal.start_date.out_of_range")]
    [InlineData("POST", "/api/schedule-preview", "startDate", "\"2090-01-01\"", "proposal.start_date.out_of_range")]
    [InlineData("POST", "/api/applications/{id}/appraisal", "proposal.startDate", "\"2028-11-23\"", "proposal.start_date.out_of_range")]
    [InlineData("POST", "/api/applications/{id}/decision", "terms.startDate", "\"2024-01-01\"", "proposal.start_date.out_of_range")]
    [InlineData("POST", "/api/loans/{id}/contract", "startDate", "\"2099-12-31\"", "start_date.out_of_range")]
    [InlineData("POST", "/api/loans/{id}/restructurings", "date", "\"2040-01-01\"", "date.out_of_range")]
    [InlineData("POST", "/api/cooperatives/{id}/members", "joinedOn", "\"1900-01-01\"", "joined_on.too_early")]
    [InlineData("PUT", "/api/policy", "effectiveFrom", "\"1950-06-01\"", "effective_from.too_early")]
    [InlineData("POST", "/api/capital/contributions", "valueDate", "\"1989-12-31\"", "value_date.too_early")]
    // amounts and numbers
    [InlineData("POST", "/api/applications", "request.ownEquity", "0", "own_equity.out_of_range")]
    [InlineData("POST", "/api/applications", "request.collateral[0].appraisedValue", "0", "collateral.value_out_of_range")]
    [InlineData("POST", "/api/applications", "request.totalInvestment", "1000000000000001", "total_investment.out_of_range")]
    [InlineData("POST", "/api/applications/{id}/appraisal", "collateralValuation", "0", "collateral_valuation.out_of_range")]
    [InlineData("POST", "/api/loans/{id}/contract", "annualRatePercent", "150", "annual_rate_percent.out_of_range")]
    [InlineData("POST", "/api/loans/{id}/contract", "termMonths", "999", "term_months.out_of_range")]
    [InlineData("POST", "/api/loans/{id}/contract", "amount", "1000000000000001", "amount.too_large")]
    // free text, by kind of field
    [InlineData("POST", "/api/applications/{id}/decision", "note", "$note", "note.too_long")]
    [InlineData("POST", "/api/capital/other-sources", "reason", "$note", "reason.too_long")]
    [InlineData("POST", "/api/loans/{id}/tranches/{trancheId}/cancellation", "reason", "$note", "reason.too_long")]
    [InlineData("POST", "/api/borrowers/related-links/{linkId}/remove", "reason", "$note", "reason.too_long")]
    [InlineData("POST", "/api/loans/{id}/contract", "contractNumber", "$reference", "contract_number.too_long")]
    [InlineData("PUT", "/api/annual-plans/{year}", "approvalReference", "$reference", "approval_reference.too_long")]
    [InlineData("POST", "/api/users", "displayName", "$name", "display_name.too_long")]
    [InlineData("POST", "/api/users", "roles", "$roles", "roles.too_many")]
    public async Task a_field_beyond_its_domain_bound_is_refused_naming_it_and_nothing_is_written(string method, string pattern,
        string path, string value, string code)
    {
        var route = BadInputCorpus.WriteRoutes(Host.Services).Single(r => r.Method == method && r.Pattern == pattern);
        var json = value switch
        {
            "$note" => Note2001,
            "$reference" => JsonSerializer.Serialize(new string('r', 101)),
            "$name" => JsonSerializer.Serialize(new string('t', 201)),
            "$roles" => JsonSerializer.Serialize(Enumerable.Repeat(Roles.CreditOfficer, Roles.All.Count + 1)),
            _ => value,
        };
        var body = BadInputCorpus.WithValueAt(route.RequestType!, path, json);
        var staff = route.Roles.FirstOrDefault(r => r != Roles.Cooperative);
        var token = staff is not null ? await TokenFor(staff) : await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()));
        var before = await EventCount();

        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader(IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
            if (method == "PUT") s.Put.Text(body).ToUrl(BadInputCorpus.Url(route));
            else s.Post.Text(body).ToUrl(BadInputCorpus.Url(route));
            s.WithRequestHeader("Content-Type", "application/json");
            s.IgnoreStatusCode();
        });

        await result.ShouldBeRefusal(400, code);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_ten_thousand_character_reason_is_refused_at_the_edge_and_a_long_one_by_its_field()
    {
        var cooperative = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer));
        var coop = await TokenForUser(await CreateCooperativeUser(cooperative));
        var id = Guid.NewGuid();
        foreach (var (length, code) in new[] { (10_000, "text.too_long"), (2001, "reason.too_long") })
        {
            var result = await Post($"/api/applications/{id}/withdraw", new { version = 1, reason = new string('l', length) }, coop);
            await result.ShouldBeRefusal(400, code);
        }
    }
}
