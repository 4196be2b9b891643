using Alba;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Tests.Policy.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Policy;

/// <summary>The admin policy page sends AdoptFundPolicy through the same pipeline as <c>PUT /api/policy</c>: the same
/// form and body adopt the same version in two funds, and a refused value is the API's message next to the field.</summary>
public sealed class adopting_the_policy_from_the_admin_page(AppFixture fixture) : PolicyContext(fixture)
{
    private const string Page = "/quan-tri/chinh-sach";

    private static Dictionary<string, string?> Form(int backdateDays) => new()
    {
        ["Input.SingleBorrowerLimitPercent"] = "12", ["Input.RelatedGroupLimitPercent"] = "25", ["Input.MinOwnEquityPercentOfProject"] = "20",
        ["Input.OverdueRatePercentOfInTermRate"] = "150", ["Input.MaxTermMonths"] = "",
        ["Input.RepaymentBackdateDays"] = backdateDays.ToString(), ["Input.CreditCheckMaxAgeDays"] = "60",
        ["Input.DissolutionThresholdPercent"] = "15",
        ["Input.RiskWriteOffMinYears"] = "5", ["Input.RiskDecidingRole"] = "Chairman", ["Input.RiskApprovingBody"] = "Liên minh Hợp tác xã tỉnh",
        ["Input.RiskReviewEveryMonths"] = "3",
        ["Input.CollectionsLookAheadDays"] = "7", ["Input.CollectionsMaxPromiseDays"] = "30",
        ["Input.Tiers[0].UpToAmount"] = "800.000.000", ["Input.Tiers[0].DecidedBy"] = "Director",
        ["Input.Tiers[1].UpToAmount"] = "", ["Input.Tiers[1].DecidedBy"] = "Board", ["Input.Tiers[1].Quorum"] = "3",
        ["Input.Tiers[1].Majority"] = "MoreApproveThanReject",
        ["Input.Tiers[2].DecidedBy"] = "",
        ["Input.RestructuringTiers[0].UpToAmount"] = "100.000.000", ["Input.RestructuringTiers[0].DecidedBy"] = "RiskCouncil",
        ["Input.RestructuringTiers[1].UpToAmount"] = "500.000.000", ["Input.RestructuringTiers[1].DecidedBy"] = "Director",
        ["Input.RestructuringTiers[2].UpToAmount"] = "", ["Input.RestructuringTiers[2].DecidedBy"] = "Chairman",
        ["Input.WaiverTiers[0].UpToAmount"] = "100.000.000", ["Input.WaiverTiers[0].DecidedBy"] = "RiskCouncil",
        ["Input.WaiverTiers[1].UpToAmount"] = "500.000.000", ["Input.WaiverTiers[1].DecidedBy"] = "Director",
        ["Input.WaiverTiers[2].UpToAmount"] = "", ["Input.WaiverTiers[2].DecidedBy"] = "Chairman",
        ["Input.Reason"] = "Quy chế cho vay sửa đổi theo Quyết định 15/QĐ-HĐQL", ["Input.ExpectedVersion"] = "1",
    };

    private static object Body(int backdateDays) => new
    {
        settings = FundPolicySettings.Default with
        {
            SingleBorrowerLimitPercent = 12m, RepaymentBackdateDays = backdateDays, CreditCheckMaxAgeDays = 60, DissolutionThresholdPercent = 15m,
            ApprovalMatrix = [new(Money.Of(800_000_000), ApprovalAuthority.Director), new(null, ApprovalAuthority.Board, 3, BoardMajority.MoreApproveThanReject)],
        },
        reason = "Quy chế cho vay sửa đổi theo Quyết định 15/QĐ-HĐQL", expectedVersion = 1,
    };

    private async Task<FundPolicyAdopted?> Adopted(string fund)
    {
        await using var session = Store.QuerySession(fund);
        return (await session.Events.FetchStreamAsync(FundPolicies.StreamId)).Select(e => e.Data).OfType<FundPolicyAdopted>().SingleOrDefault();
    }

    [Fact]
    public async Task the_page_and_the_api_adopt_the_same_version_with_the_same_settings()
    {
        var page = await PageSession.SignInAsync(Host, UserName(FundA, Roles.Admin), Password, NextClientAddress());
        await page.OpenAsync(Page);

        var posted = await page.SubmitAsync(Page, Form(7));
        var sent = await PutPolicy(Body(7), await TokenFor(Roles.Admin, FundB));

        posted.Context.Response.StatusCode.ShouldBe(302, await posted.ReadAsTextAsync());
        sent.Context.Response.StatusCode.ShouldBe(200, await sent.ReadAsTextAsync());
        var fromPage = (await Adopted(FundA)).ShouldNotBeNull();
        var fromApi = (await Adopted(FundB)).ShouldNotBeNull();
        (fromPage.Version, fromPage.Reason, fromPage.EffectiveFrom).ShouldBe((fromApi.Version, fromApi.Reason, fromApi.EffectiveFrom));
        PolicyChanges.Between(fromPage.Settings, fromApi.Settings).ShouldBeEmpty();
        (fromPage.Settings.RepaymentBackdateDays, fromPage.Settings.CreditCheckMaxAgeDays, fromPage.Settings.DissolutionThresholdPercent)
            .ShouldBe((7, 60, 15m));

        var shown = await page.OpenAsync(Page);
        shown.ShouldContain("data-testid=\"repayment-backdate-days\">7 ngày<");
        shown.ShouldContain("data-testid=\"credit-check-max-age-days\">60 ngày<");
    }

    [Fact]
    public async Task an_out_of_range_backdating_window_is_refused_alike_and_nothing_is_adopted()
    {
        var page = await PageSession.SignInAsync(Host, UserName(FundA, Roles.Admin), Password, NextClientAddress());
        await page.OpenAsync(Page);

        var posted = await page.SubmitAsync(Page, Form(400));
        var refused = await PutPolicy(Body(400), await TokenFor(Roles.Admin, FundB));

        posted.Context.Response.StatusCode.ShouldBe(200);
        await refused.ShouldBeRefusal(400, "repayment_backdate_days.out_of_range");
        var message = (await refused.ReadJson()).GetProperty("errors").GetProperty("settings.repaymentBackdateDays")[0].GetString();
        PageSession.FieldErrorShown(System.Net.WebUtility.HtmlDecode(await posted.ReadAsTextAsync()), "Input.RepaymentBackdateDays").ShouldBe(message);
        (await EventCount()).ShouldBe(0);
    }
}
