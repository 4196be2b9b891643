using System.Security.Claims;

namespace HtxFund.Identity;

/// <summary>The roles of ../shared/DESIGN.md. A user has one or more; endpoints name the roles they serve.</summary>
public static class Roles
{
    public const string Cooperative = nameof(Cooperative);
    public const string CreditOfficer = nameof(CreditOfficer);
    public const string Director = nameof(Director);
    public const string BoardMember = nameof(BoardMember);
    public const string Accountant = nameof(Accountant);
    public const string ChiefAccountant = nameof(ChiefAccountant);
    public const string RiskCouncil = nameof(RiskCouncil);
    /// <summary>The fund's Chairman (Chủ tịch Quỹ; of the board in a cooperative-model fund), who decides the use of provisions
    /// and write-offs on the Risk Handling Council's proposal (Decree 45/2021 Art 28.4, 29).</summary>
    public const string Chairman = nameof(Chairman);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All =
        [Cooperative, CreditOfficer, Director, BoardMember, Accountant, ChiefAccountant, RiskCouncil, Chairman, Admin];

    /// <summary>Every role of the fund's own staff (everyone but cooperatives).</summary>
    public const string Staff = "CreditOfficer,Director,BoardMember,Accountant,ChiefAccountant,RiskCouncil,Chairman,Admin";
    public const string StaffAndCooperative = Staff + ",Cooperative";

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>Vietnamese name of a role, for pages and documents.</summary>
    public static string DisplayName(string role) => role switch
    {
        Cooperative => "Hợp tác xã",
        CreditOfficer => "Cán bộ tín dụng",
        Director => "Giám đốc",
        BoardMember => "Thành viên Hội đồng quản lý",
        Accountant => "Kế toán",
        ChiefAccountant => "Kế toán trưởng",
        RiskCouncil => "Hội đồng xử lý rủi ro",
        Chairman => "Chủ tịch Quỹ",
        Admin => "Quản trị hệ thống",
        _ => role,
    };
}

/// <summary>Claim types HtxFund puts in every sign-in.</summary>
public static class HtxClaims
{
    public const string UserId = "sub";
    public const string UserName = "name";
    public const string Role = "role";
    /// <summary>The user's fund: the Marten tenant id of every session.</summary>
    public const string Fund = "fund";
    /// <summary>The cooperative a Cooperative user is bound to.</summary>
    public const string Cooperative = "cooperative";
    public const string Session = "sid";
}

/// <summary>Who did something: recorded on every event.</summary>
public sealed record Actor(Guid UserId, string UserName, IReadOnlyList<string> Roles)
{
    public static readonly Actor System = new(Guid.Empty, "system", []);
}

public static class ClaimsPrincipalExtensions
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(HtxClaims.UserId), out var id) ? id : Guid.Empty;

    public static string FundId(this ClaimsPrincipal user) =>
        user.FindFirstValue(HtxClaims.Fund) ?? throw new InvalidOperationException("The signed-in user has no fund claim.");

    public static Guid? CooperativeId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(HtxClaims.Cooperative), out var id) ? id : null;

    public static bool IsCooperative(this ClaimsPrincipal user) => user.IsInRole(Roles.Cooperative);

    /// <summary>A Cooperative user may only touch their own cooperative; staff may touch any in their fund.</summary>
    public static bool MaySee(this ClaimsPrincipal user, Guid cooperativeId) =>
        !user.IsCooperative() || user.CooperativeId() == cooperativeId;

    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.UserId(), user.FindFirstValue(HtxClaims.UserName) ?? "?",
            user.FindAll(HtxClaims.Role).Select(c => c.Value).ToArray());
}
