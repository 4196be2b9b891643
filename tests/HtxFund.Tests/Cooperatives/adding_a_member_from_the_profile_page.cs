using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Cooperatives;

/// <summary>The cooperative's profile page sends AddCooperativeMember through the same pipeline as the API: a page post
/// and an API post of the same member append the same event, and are refused with the same code and text.</summary>
public sealed class adding_a_member_from_the_profile_page(AppFixture fixture) : CooperativeContext(fixture)
{
    private const string Page = "/htx/thong-tin";

    private static Dictionary<string, string?> Form(string nationalId) => new()
    {
        ["Input.FullName"] = "  Nguyễn   Thị Hoa ", ["Input.NationalId"] = nationalId, ["Input.Membership"] = "Associate",
        ["Input.IsEnterprise"] = "false", ["Input.JoinedOn"] = "2021-05-04",
    };

    private static object Body(string nationalId) => new
    {
        fullName = "  Nguyễn   Thị Hoa ", nationalId, membership = "Associate", isEnterprise = false, joinedOn = "2021-05-04",
    };

    private async Task<(PageSession Page, Guid PageCooperative, string Api, Guid ApiCooperative)> TwoCooperativesAsync()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var pageCooperative = await RegisteredCooperative(staff);
        var apiCooperative = await RegisteredCooperative(staff);
        var page = await PageSession.SignInAsync(Host, await CreateCooperativeUser(pageCooperative), Password, NextClientAddress());
        var api = await TokenForUser(await CreateCooperativeUser(apiCooperative));
        return (page, pageCooperative, api, apiCooperative);
    }

    private async Task<IReadOnlyList<CooperativeMemberAdded>> MembersAdded(Guid cooperative)
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Events.FetchStreamAsync(cooperative)).Select(e => e.Data).OfType<CooperativeMemberAdded>().ToList();
    }

    /// <summary>What does not depend on who sent it or when: ids, the actor and the instant are the stream's own.</summary>
    private static CooperativeMemberAdded Comparable(CooperativeMemberAdded e) =>
        e with { CooperativeId = Guid.Empty, MemberId = Guid.Empty, AddedBy = Actor.System, AddedAt = default };

    [Fact]
    public async Task a_page_post_and_an_api_post_of_the_same_member_append_the_same_event()
    {
        var (page, pageCooperative, api, apiCooperative) = await TwoCooperativesAsync();
        var nationalId = NewNationalId();

        await page.OpenAsync(Page);
        var posted = await page.SubmitAsync(Page, Form(nationalId));
        var sent = await Post($"/api/cooperatives/{apiCooperative}/members", Body(nationalId), api);

        posted.Context.Response.StatusCode.ShouldBe(302, await posted.ReadAsTextAsync());
        sent.Context.Response.StatusCode.ShouldBe(201, await sent.ReadAsTextAsync());
        var fromPage = (await MembersAdded(pageCooperative)).ShouldHaveSingleItem();
        var fromApi = (await MembersAdded(apiCooperative)).ShouldHaveSingleItem();
        Comparable(fromPage).ShouldBe(Comparable(fromApi));
        fromPage.FullName.ShouldBe("Nguyễn Thị Hoa");
        fromPage.Membership.ShouldBe(MembershipKind.Associate);
        fromPage.AddedBy.Roles.ShouldBe([Roles.Cooperative]);
    }

    [Fact]
    public async Task a_member_already_in_the_cooperative_is_refused_the_same_way_on_the_page_and_by_the_api()
    {
        var (page, pageCooperative, api, apiCooperative) = await TwoCooperativesAsync();
        var nationalId = NewNationalId();
        await page.OpenAsync(Page);
        (await page.SubmitAsync(Page, Form(nationalId))).Context.Response.StatusCode.ShouldBe(302);
        (await Post($"/api/cooperatives/{apiCooperative}/members", Body(nationalId), api)).Context.Response.StatusCode.ShouldBe(201);
        var before = await EventCount();

        await page.OpenAsync(Page);
        var shown = System.Net.WebUtility.HtmlDecode(await (await page.SubmitAsync(Page, Form(nationalId))).ReadAsTextAsync());
        var refused = await Post($"/api/cooperatives/{apiCooperative}/members", Body(nationalId), api);

        await refused.ShouldBeRefusal(409, "cooperative.member_duplicate");
        PageSession.ProblemCodeShown(shown).ShouldBe("cooperative.member_duplicate");
        shown.ShouldContain((await refused.ReadJson()).GetProperty("detail").GetString()!);
        (await EventCount()).ShouldBe(before);
        (await MembersAdded(pageCooperative)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("12345", "Input.NationalId", "nationalId", "national_id.format")]
    [InlineData("", "Input.NationalId", "nationalId", "national_id.required")]
    public async Task a_field_refusal_is_the_api_message_next_to_the_pages_field(string nationalId, string formField, string apiField, string code)
    {
        var (page, _, api, apiCooperative) = await TwoCooperativesAsync();
        var before = await EventCount();

        await page.OpenAsync(Page);
        var posted = await page.SubmitAsync(Page, Form(nationalId));
        var refused = await Post($"/api/cooperatives/{apiCooperative}/members", Body(nationalId), api);

        posted.Context.Response.StatusCode.ShouldBe(200);
        await refused.ShouldBeRefusal(400, code);
        var message = (await refused.ReadJson()).GetProperty("errors").GetProperty(apiField)[0].GetString();
        PageSession.FieldErrorShown(System.Net.WebUtility.HtmlDecode(await posted.ReadAsTextAsync()), formField).ShouldBe(message);
        (await EventCount()).ShouldBe(before);
    }
}
