using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;

namespace HtxFund.Policy;

/// <summary>The policy restructurings and interest waivers are valued and decided with: the engine's policy and who may
/// decide which amount.</summary>
public sealed record RiskDecisionPolicy(LendingPolicy Lending, RiskApprovalSettings Approvals)
{
    public static async Task<RiskDecisionPolicy> LoadAsync(Marten.IQuerySession session, CancellationToken ct)
    {
        var policy = await FundPolicies.CurrentAsync(session, ct);
        return new RiskDecisionPolicy(policy.ToLendingPolicy(), policy.Settings.RiskApprovals);
    }
}

/// <summary>Who decides a restructuring or an interest waiver, from the lowest authority to the highest: an authority
/// may decide whatever a lower one may.</summary>
public enum RiskDecider
{
    /// <summary>Hội đồng xử lý rủi ro (role <see cref="Roles.RiskCouncil"/>).</summary>
    RiskCouncil,
    /// <summary>Giám đốc (role <see cref="Roles.Director"/>).</summary>
    Director,
    /// <summary>Chủ tịch Quỹ (role <see cref="Roles.Chairman"/>).</summary>
    Chairman,
}

/// <summary>One tier: amounts up to <see cref="UpToAmount"/> (inclusive; null = above every other tier) are decided by
/// <see cref="DecidedBy"/> or a higher authority.</summary>
public sealed record RiskApprovalTier([property: JsonConverter(typeof(MoneyJsonConverter))] Money? UpToAmount, RiskDecider DecidedBy)
{
    public bool Covers(Money amount) => UpToAmount is not { } upTo || amount <= upTo;
}

/// <summary>
/// Who may approve (or reject) a restructuring, by the principal outstanding it reschedules, and an interest waiver, by
/// the amount waived (Decree 45/2021 Art 25.2 and 27.3 leave it to the fund's charter). Defaults, an <b>assumption</b>
/// (unconfirmed, fund-specific; docs/domain-defaults.md): the Risk Council up to 100,000,000 ₫, the Director up to
/// 500,000,000 ₫, the Chairman above. Versions adopted before these settings existed read as the defaults.
/// </summary>
public sealed record RiskApprovalSettings(IReadOnlyList<RiskApprovalTier> Restructurings, IReadOnlyList<RiskApprovalTier> Waivers)
{
    public static IReadOnlyList<RiskApprovalTier> DefaultTiers { get; } =
    [
        new(Money.Of(100_000_000), RiskDecider.RiskCouncil),
        new(Money.Of(500_000_000), RiskDecider.Director),
        new(null, RiskDecider.Chairman),
    ];

    public static RiskApprovalSettings Default { get; } = new(DefaultTiers, DefaultTiers);

    /// <summary>The roles of every tier: those the approval and rejection endpoints accept (the rule then checks the amount).</summary>
    public const string DeciderRoles = Roles.RiskCouncil + "," + Roles.Director + "," + Roles.Chairman;

    /// <summary>The authority <paramref name="tiers"/> require for <paramref name="amount"/> (the first tier covering it).</summary>
    public static RiskDecider Required(IReadOnlyList<RiskApprovalTier> tiers, Money amount) =>
        (tiers.FirstOrDefault(t => t.Covers(amount)) ?? tiers[^1]).DecidedBy;

    /// <summary>The highest authority the user's roles give; null when none.</summary>
    public static RiskDecider? HighestOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Chairman) ? RiskDecider.Chairman
        : user.IsInRole(Roles.Director) ? RiskDecider.Director
        : user.IsInRole(Roles.RiskCouncil) ? RiskDecider.RiskCouncil
        : null;

    /// <summary>Whether <paramref name="user"/> may decide <paramref name="amount"/> under <paramref name="tiers"/>.</summary>
    public static bool MayDecide(IReadOnlyList<RiskApprovalTier> tiers, Money amount, ClaimsPrincipal user) =>
        HighestOf(user) is { } held && held >= Required(tiers, amount);

    /// <summary>The refusal (403 <c>approval.tier_exceeded</c>) of a decider whose roles do not cover the amount.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? Refusal(IReadOnlyList<RiskApprovalTier> tiers, Money amount, ClaimsPrincipal user,
        string what) =>
        MayDecide(tiers, amount, user)
            ? null
            : Problems.Forbidden("approval.tier_exceeded",
                $"{what} {amount.ToDisplayString()} thuộc thẩm quyền quyết định của {Name(Required(tiers, amount))} trở lên theo chính sách của Quỹ.");

    public static string Name(RiskDecider decider) => decider switch
    {
        RiskDecider.RiskCouncil => "Hội đồng xử lý rủi ro",
        RiskDecider.Director => "Giám đốc",
        RiskDecider.Chairman => "Chủ tịch Quỹ",
        _ => decider.ToString(),
    };

    /// <summary>A tier in Vietnamese, e.g. "Đến 100.000.000 ₫: Hội đồng xử lý rủi ro".</summary>
    public static string Describe(RiskApprovalTier tier) =>
        $"{(tier.UpToAmount is { } upTo ? $"Đến {upTo.ToDisplayString()}" : "Trên mức cao nhất")}: {Name(tier.DecidedBy)}";

    /// <summary>The rules of the settings, for the adopting endpoint's validator.</summary>
    public sealed class Validator : AbstractValidator<RiskApprovalSettings>
    {
        public Validator()
        {
            RuleFor(x => x.Restructurings).Must(Valid)
                .Refuse("risk_approvals.restructurings.invalid", TiersMessage("cơ cấu lại thời hạn trả nợ"));
            RuleFor(x => x.Waivers).Must(Valid)
                .Refuse("risk_approvals.waivers.invalid", TiersMessage("miễn, giảm lãi"));
        }

        private static string TiersMessage(string what) =>
            $"Thẩm quyền phê duyệt {what}: từ 1 đến 10 mức, số tiền tăng dần (lớn hơn 0, không quá 10^15 đồng), cấp quyết định tăng dần, chỉ mức cuối cùng không giới hạn.";

        private static bool Valid(IReadOnlyList<RiskApprovalTier>? tiers) =>
            tiers is { Count: >= 1 and <= 10 } && tiers.All(t => t is not null && Enum.IsDefined(t.DecidedBy))
            && tiers[^1].UpToAmount is null && tiers.Take(tiers.Count - 1).All(t => t.UpToAmount is { Dong: > 0 and <= 1_000_000_000_000_000 })
            && tiers.Zip(tiers.Skip(1)).All(p => p.Second.DecidedBy > p.First.DecidedBy
                                              && (p.Second.UpToAmount is null || p.Second.UpToAmount.Value > p.First.UpToAmount!.Value));
    }
}
