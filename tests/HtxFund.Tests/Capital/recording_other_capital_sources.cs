using HtxFund.Capital.GettingPosition;
using HtxFund.Identity;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Capital;

public sealed class recording_other_capital_sources(AppFixture fixture) : IntegrationContext(fixture)
{
    private const long Billion = 1_000_000_000;

    private async Task<CapitalPosition> Position(string asOf)
    {
        var result = await Get($"/api/capital?asOf={asOf}", await TokenFor(Roles.Director));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalPosition>();
    }

    private async Task Recorded(string url, object body)
    {
        var result = await Post(url, body, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
    }

    private static object Movement(long amount, string valueDate, string kind = "EntrustedCapital", string? reason = null) => new
    {
        kind, amount, source = "Quỹ hỗ trợ phát triển HTX Việt Nam ủy thác cho vay", decisionNumber = "88/HĐUT", decisionDate = "2026-01-05",
        valueDate, reason,
    };

    [Fact]
    public async Task entrusted_capital_adds_cash_to_lend_but_never_charter_capital()
    {
        await Recorded("/api/capital/contributions", new
        {
            amount = 20 * Billion, source = "Ngân sách tỉnh", decisionNumber = "1543/QĐ-UBND", decisionDate = "2026-01-02", valueDate = "2026-01-05",
        });
        await Recorded("/api/capital/other-sources", Movement(5 * Billion, "2026-02-01"));
        await Recorded("/api/capital/other-sources/repayments", Movement(2 * Billion, "2026-09-30", reason: "Hoàn trả một phần vốn ủy thác theo hợp đồng"));

        var march = await Position("2026-03-01");
        march.CharterCapital.Dong.ShouldBe(20 * Billion);
        march.ActualCharterCapital.Dong.ShouldBe(20 * Billion); // the limits' base is unchanged
        march.OtherCapitalSources.Dong.ShouldBe(5 * Billion);
        march.CashAvailable.Dong.ShouldBe(25 * Billion);
        march.AvailableToLend.Dong.ShouldBe(25 * Billion);

        var october = await Position("2026-10-01");
        october.OtherCapitalSources.Dong.ShouldBe(3 * Billion);
        october.CashAvailable.Dong.ShouldBe(23 * Billion);
        october.ActualCharterCapital.Dong.ShouldBe(20 * Billion);
        (await Position("2026-01-31")).OtherCapitalSources.Dong.ShouldBe(0);
    }

    [Fact]
    public async Task the_note_sent_with_capital_received_or_repaid_is_kept_on_its_ledger_line_normalised()
    {
        await Recorded("/api/capital/other-sources", Movement(4 * Billion, "2026-02-01", reason: "  Nhận vốn ủy thác   đợt 1 năm 2026 "));
        await Recorded("/api/capital/other-sources", Movement(Billion, "2026-02-02", "Grant"));
        await Recorded("/api/capital/other-sources/repayments", Movement(Billion, "2026-03-01", reason: "Hoàn trả vốn ủy thác đến hạn"));

        var result = await Get("/api/capital?asOf=2026-03-31&ledgerLines=10", await TokenFor(Roles.Director));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var lines = (await result.Read<CapitalPosition>()).Ledger;

        lines.Select(l => (l.ValueDate.ToString("yyyy-MM-dd", null), l.Reason)).ShouldBe(new (string, string?)[]
        {
            ("2026-02-01", "Nhận vốn ủy thác đợt 1 năm 2026"), ("2026-02-02", null), ("2026-03-01", "Hoàn trả vốn ủy thác đến hạn"),
        });
    }

    [Fact]
    public async Task repaying_more_than_other_sources_hold_is_refused_and_appends_nothing()
    {
        await Recorded("/api/capital/other-sources", Movement(1 * Billion, "2026-02-01", "Borrowing"));
        var before = await EventCount();

        var result = await Post("/api/capital/other-sources/repayments", Movement(2 * Billion, "2026-03-01", "Borrowing", "Trả nợ vay"),
            await TokenFor(Roles.ChiefAccountant));

        await result.ShouldBeRefusal(422, "capital.other_repayment_exceeds_received");
        (await EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("Loan", null, "kind.unknown")]
    [InlineData("Grant", null, "")]
    public async Task a_repayment_needs_a_known_kind_and_a_reason(string kind, string? reason, string extraCode)
    {
        await Recorded("/api/capital/other-sources", Movement(1 * Billion, "2026-02-01", "Grant"));
        var result = await Post("/api/capital/other-sources/repayments", Movement(Billion / 2, "2026-03-01", kind, reason),
            await TokenFor(Roles.ChiefAccountant));
        await result.ShouldBeRefusal(400, "reason.required");
        if (extraCode.Length > 0) (await result.ReadAsTextAsync()).ShouldContain(extraCode);
    }

    [Fact]
    public async Task only_admins_and_chief_accountants_record_other_capital()
    {
        var result = await Post("/api/capital/other-sources", Movement(Billion, "2026-02-01"), await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(403);
        (await EventCount()).ShouldBe(0);
    }
}
