using HtxFund.Identity;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Web;

/// <summary>The credit and finance pages take their text from StaffResource: Vietnamese by default, English with ?culture=en.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class the_staff_portals_speak_english_on_request(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>The page's text as a person reads it (Razor writes non-ASCII letters as character references).</summary>
    private async Task<string> Text(string url, string token) =>
        System.Net.WebUtility.HtmlDecode(await (await Get(url, token)).ReadAsTextAsync());

    [Fact]
    public async Task the_finance_portal_is_vietnamese_by_default_and_english_with_culture_en()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        var vietnamese = await Text("/tai-chinh", token);
        vietnamese.ShouldContain("Chờ kế toán trưởng duyệt");
        var english = await Text("/tai-chinh?culture=en", token);
        english.ShouldContain("Waiting for the chief accountant");
        english.ShouldContain("Four eyes: whoever prepared a tranche cannot confirm it.");
    }

    [Fact]
    public async Task the_credit_queue_is_vietnamese_by_default_and_english_with_culture_en()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        (await Text("/tin-dung", token)).ShouldContain("Hồ sơ vay chờ xử lý");
        (await Text("/tin-dung?culture=en", token)).ShouldContain("Application queue");
    }
}
