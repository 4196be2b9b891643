using Alba;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Policy.GettingHistory;
using HtxFund.Tests.Policy.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Policy;

public sealed class adopting_the_fund_policy(AppFixture fixture) : PolicyContext(fixture)
{
    private static object Adopt(FundPolicySettings settings, int expectedVersion = 1, string reason = "Quy chế cho vay sửa đổi theo Quyết định 15/QĐ-HĐQL",
        string? effectiveFrom = null) =>
        new { settings, reason, expectedVersion, effectiveFrom };

    private async Task RefusedWith(object body, int status, string code)
    {
        var before = await EventCount();
        var result = await PutPolicy(body, await TokenFor(Roles.Admin));
        await result.ShouldBeRefusal(status, code);
        (await EventCount()).ShouldBe(before, "a refused command appends no event");
    }

    [Fact]
    public async Task a_fund_that_never_adopted_a_policy_reads_the_defaults_as_version_1()
    {
        var result = await Get("/api/policy", await TokenFor(Roles.CreditOfficer));

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var json = await result.ReadJson();
        json.GetProperty("version").GetInt32().ShouldBe(1);
        json.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        var settings = json.GetProperty("settings");
        settings.GetProperty("singleBorrowerLimitPercent").GetDecimal().ShouldBe(15m);
        settings.GetProperty("relatedGroupLimitPercent").GetDecimal().ShouldBe(25m);
        settings.GetProperty("overdueRatePercentOfInTermRate").GetDecimal().ShouldBe(150m);
        settings.GetProperty("termClasses").GetProperty("longTargetWorkingDays").GetInt32().ShouldBe(15);
        var matrix = settings.GetProperty("approvalMatrix");
        matrix.GetArrayLength().ShouldBe(2);
        matrix[0].GetProperty("upToAmount").GetInt64().ShouldBe(500_000_000, "money is a plain number of đồng");
        matrix[0].GetProperty("decidedBy").GetString().ShouldBe("Director");
        matrix[1].GetProperty("upToAmount").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        matrix[1].GetProperty("quorum").GetInt32().ShouldBe(3);

        await using var session = Store.QuerySession(FundA);
        (await FundPolicies.CurrentAsync(session, default)).ShouldBe(FundPolicy.Default);
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public async Task an_admin_adopts_a_new_version_that_every_staff_member_reads_and_the_other_fund_does_not_see()
    {
        Clock.AdvanceDays(3);
        var settings = FundPolicySettings.Default with
        {
            SingleBorrowerLimitPercent = 12m,
            OverdueRatePercentOfInTermRate = 130m,
            ApprovalMatrix =
            [
                new(Money.Of(300_000_000), ApprovalAuthority.Director),
                new(null, ApprovalAuthority.Board, 5, BoardMajority.MajorityOfVotesCast),
            ],
        };

        var adopted = await PutPolicy(Adopt(settings, effectiveFrom: "2026-11-20"), await TokenFor(Roles.Admin));

        adopted.Context.Response.StatusCode.ShouldBe(200, await adopted.ReadAsTextAsync());
        var read = await (await Get("/api/policy", await TokenFor(Roles.BoardMember))).Read<FundPolicy>();
        read.Version.ShouldBe(2);
        read.IsDefault.ShouldBeFalse();
        read.Settings.SingleBorrowerLimitPercent.ShouldBe(12m);
        read.Settings.ApprovalMatrix[0].UpToAmount.ShouldBe(Money.Of(300_000_000));
        read.Settings.ApprovalMatrix[1].Majority.ShouldBe(BoardMajority.MajorityOfVotesCast);
        read.AdoptedBy!.UserName.ShouldBe(UserName(FundA, Roles.Admin));
        read.AdoptedAt.ShouldBe(AppFixture.Start + Duration.FromDays(3));
        read.EffectiveFrom.ShouldBe(new LocalDate(2026, 11, 20));

        await using var a = Store.QuerySession(FundA);
        var current = await FundPolicies.CurrentAsync(a, default);
        current.Version.ShouldBe(2);
        current.DecisionRuleFor(Money.Of(300_000_001)).DecidedBy.ShouldBe(ApprovalAuthority.Board);
        current.ToLendingPolicy().Version.ShouldBe(2);
        current.ToLendingPolicy().OverdueRatePercentOfInTermRate.ShouldBe(130m);

        await using var b = Store.QuerySession(FundB);
        (await FundPolicies.CurrentAsync(b, default)).Version.ShouldBe(1);
        (await (await Get("/api/policy", await TokenFor(Roles.Director, FundB))).Read<FundPolicy>()).Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_stale_version_is_refused_with_409_and_the_current_version()
    {
        var token = await TokenFor(Roles.Admin);
        (await PutPolicy(Adopt(FundPolicySettings.Default with { RelatedGroupLimitPercent = 20m }), token)).Context.Response.StatusCode.ShouldBe(200);
        var before = await EventCount();

        var stale = await PutPolicy(Adopt(FundPolicySettings.Default with { RelatedGroupLimitPercent = 22m }), token);

        stale.Context.Response.StatusCode.ShouldBe(409);
        var json = await stale.ReadJson();
        json.GetProperty("code").GetString().ShouldBe("policy.version_conflict");
        json.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        (await EventCount()).ShouldBe(before);
        (await PutPolicy(Adopt(FundPolicySettings.Default with { RelatedGroupLimitPercent = 22m }, expectedVersion: 2), token))
            .Context.Response.StatusCode.ShouldBe(200);
        (await (await Get("/api/policy", token)).Read<FundPolicy>()).Version.ShouldBe(3);
    }

    public static TheoryData<string, string> InvalidSettings => new()
    {
        { "single_16", "single_borrower_limit_percent.out_of_range" },
        { "single_0", "single_borrower_limit_percent.out_of_range" },
        { "related_26", "related_group_limit_percent.out_of_range" },
        { "related_below_single", "related_group_limit_percent.below_single_borrower" },
        { "own_equity_19", "min_own_equity_percent_of_project.out_of_range" },
        { "overdue_151", "overdue_rate_percent_of_in_term_rate.out_of_range" },
        { "late_interest_11", "late_interest_rate_percent_per_year.out_of_range" },
        { "thresholds_not_increasing", "debt_group_thresholds.not_increasing" },
        { "provision_decreasing", "specific_provision_rates.invalid" },
        { "term_classes_inverted", "term_classes.not_increasing" },
        { "waterfall_missing_bucket", "waterfall.invalid" },
        { "matrix_empty", "approval_matrix.required" },
        { "matrix_not_increasing", "approval_matrix.not_increasing" },
        { "matrix_two_open_ended", "approval_matrix.open_ended_tier" },
        { "matrix_no_open_ended", "approval_matrix.open_ended_tier" },
        { "matrix_quorum_0", "approval_matrix.quorum_out_of_range" },
        { "matrix_board_without_majority", "approval_matrix.majority_required" },
        { "matrix_director_with_quorum", "approval_matrix.director_has_no_vote" },
    };

    private static FundPolicySettings Broken(string what)
    {
        var d = FundPolicySettings.Default;
        var board = new ApprovalTier(null, ApprovalAuthority.Board, 3, BoardMajority.MoreApproveThanReject);
        return what switch
        {
            "single_16" => d with { SingleBorrowerLimitPercent = 16m },
            "single_0" => d with { SingleBorrowerLimitPercent = 0m },
            "related_26" => d with { RelatedGroupLimitPercent = 26m },
            "related_below_single" => d with { SingleBorrowerLimitPercent = 15m, RelatedGroupLimitPercent = 10m },
            "own_equity_19" => d with { MinOwnEquityPercentOfProject = 19m },
            "overdue_151" => d with { OverdueRatePercentOfInTermRate = 151m },
            "late_interest_11" => d with { LateInterestRatePercentPerYear = 11m },
            "thresholds_not_increasing" => d with { DebtGroupThresholds = new(10, 90, 30, 180) },
            "provision_decreasing" => d with { SpecificProvisionRates = new(0, 25, 2, 50, 100) },
            "term_classes_inverted" => d with { TermClasses = new(60, 12, 5, 10, 15) },
            "waterfall_missing_bucket" => d with { Waterfall = [.. d.Waterfall.Skip(1)] },
            "matrix_empty" => d with { ApprovalMatrix = [] },
            "matrix_not_increasing" => d with
            {
                ApprovalMatrix = [new(Money.Of(500_000_000), ApprovalAuthority.Director), new(Money.Of(400_000_000), ApprovalAuthority.Director), board],
            },
            "matrix_two_open_ended" => d with { ApprovalMatrix = [board, board] },
            "matrix_no_open_ended" => d with { ApprovalMatrix = [new(Money.Of(500_000_000), ApprovalAuthority.Director)] },
            "matrix_quorum_0" => d with { ApprovalMatrix = [board with { Quorum = 0 }] },
            "matrix_board_without_majority" => d with { ApprovalMatrix = [board with { Majority = null }] },
            "matrix_director_with_quorum" => d with { ApprovalMatrix = [new(null, ApprovalAuthority.Director, Quorum: 2)] },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task settings_outside_the_law_or_inconsistent_are_refused(string what, string code)
    {
        await RefusedWith(Adopt(Broken(what)), 400, code);
    }

    [Fact]
    public async Task a_missing_reason_version_or_settings_and_a_future_effective_date_are_refused()
    {
        await RefusedWith(new { settings = FundPolicySettings.Default with { SingleBorrowerLimitPercent = 10m }, expectedVersion = 1 }, 400, "reason.required");
        await RefusedWith(new { settings = FundPolicySettings.Default with { SingleBorrowerLimitPercent = 10m }, reason = "x" }, 400, "expected_version.required");
        await RefusedWith(new { reason = "x", expectedVersion = 1 }, 400, "settings.required");
        await RefusedWith(Adopt(FundPolicySettings.Default with { SingleBorrowerLimitPercent = 10m }, effectiveFrom: "2026-11-23"), 400,
            "effective_from.in_future");
    }

    [Fact]
    public async Task adopting_the_same_settings_again_changes_nothing_and_is_refused()
    {
        await RefusedWith(Adopt(FundPolicySettings.Default), 422, "policy.unchanged");
    }

    [Fact]
    public async Task only_an_admin_changes_the_policy_and_only_staff_read_it()
    {
        var before = await EventCount();
        foreach (var role in new[] { Roles.Director, Roles.CreditOfficer, Roles.ChiefAccountant })
            (await PutPolicy(Adopt(FundPolicySettings.Default with { SingleBorrowerLimitPercent = 10m }), await TokenFor(role)))
                .Context.Response.StatusCode.ShouldBe(403);
        (await EventCount()).ShouldBe(before);

        var cooperative = await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()));
        (await Get("/api/policy", cooperative)).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/policy/history", await TokenFor(Roles.Director))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/policy", null)).Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task the_history_shows_every_version_with_who_changed_what()
    {
        var token = await TokenFor(Roles.Admin);
        await PutPolicy(Adopt(FundPolicySettings.Default with { SingleBorrowerLimitPercent = 12m }, reason: "Giảm giới hạn một khách hàng"), token);
        Clock.Advance(Duration.FromHours(2)); // within the 8-hour sign-in
        await PutPolicy(Adopt(FundPolicySettings.Default with
        {
            SingleBorrowerLimitPercent = 12m,
            ApprovalMatrix = [new(Money.Of(1_000_000_000), ApprovalAuthority.Director), FundPolicySettings.Default.ApprovalMatrix[1]],
        }, expectedVersion: 2, reason: "Nâng thẩm quyền Giám đốc"), token);

        var response = await Get("/api/policy/history", token);
        response.Context.Response.StatusCode.ShouldBe(200, await response.ReadAsTextAsync());
        var history = await response.Read<List<FundPolicyVersion>>();

        history.Select(v => v.Version).ShouldBe(new[] { 1, 2, 3 });
        history[0].AdoptedBy.ShouldBeNull();
        history[1].Reason.ShouldBe("Giảm giới hạn một khách hàng");
        history[1].AdoptedBy!.UserName.ShouldBe(UserName(FundA, Roles.Admin));
        history[1].Changes.ShouldBe(new[] { new PolicyChange("singleBorrowerLimitPercent", "15 %", "12 %") });
        var change = history[2].Changes.ShouldHaveSingleItem();
        change.Field.ShouldBe("approvalMatrix[0]");
        change.Before.ShouldBe("Đến 500.000.000 ₫: Giám đốc quyết định");
        change.After.ShouldBe("Đến 1.000.000.000 ₫: Giám đốc quyết định");
        history[2].AdoptedAt.ShouldBe(AppFixture.Start + Duration.FromHours(2));
    }
}
