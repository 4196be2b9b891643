using System.Security.Claims;
using HtxFund.Identity;

namespace HtxFund.Web;

/// <summary>One link of the main navigation: the Vietnamese label is also the localisation key.</summary>
public sealed record NavLink(string Label, string Href, string Roles);

/// <summary>The main navigation per role. A link's roles are the roles of the page it opens (so nobody is shown a
/// link that answers 403). Portals add their pages here.</summary>
public static class Navigation
{
    public const string CreditRoles = "CreditOfficer,Director,BoardMember,RiskCouncil";
    public const string FinanceRoles = "Accountant,ChiefAccountant,Director";

    public static readonly IReadOnlyList<NavLink> Links =
    [
        new("Tổng quan", "/htx", Roles.Cooperative),
        new("Hồ sơ vay", "/htx/ho-so", Roles.Cooperative),
        new("Khoản vay", "/htx/khoan-vay", Roles.Cooperative),
        new("Thông tin HTX", "/htx/thong-tin", Roles.Cooperative),
        new("Tín dụng", "/tin-dung", CreditRoles),
        new("Tài sản bảo đảm", "/tin-dung/tai-san-bao-dam", CreditRoles),
        new("Tài chính", "/tai-chinh", FinanceRoles),
        // the risk portal: the Chairman's first (and only) portal, so the Chairman lands here
        new("Xử lý rủi ro", "/rui-ro", HtxFund.Loans.WritingOff.RiskHandlingText.PortalRoles),
        // the books (issue 19): after the portals above, so nobody's landing page changes
        new("Sổ sách kế toán", "/ke-toan", HtxFund.Accounting.FundBooks.Readers),
        new("Quản trị", "/quan-tri", Roles.Admin),
        new("Người dùng", "/quan-tri/nguoi-dung", Roles.Admin),
        new("Chính sách cho vay", "/quan-tri/chinh-sach", Roles.Admin),
        new("Lịch ngày làm việc", "/quan-tri/chinh-sach/lich-ngay-lam-viec", Roles.Admin),
        new("Đăng ký của hợp tác xã", "/quan-tri/dang-ky", HtxFund.SignUps.Reviewing.SignUpReview.Roles),
        // Roles that run the monthly classification but have no finance portal reach its page from here.
        new("Phân loại nợ", "/tai-chinh/phan-loai-no", $"{Roles.RiskCouncil},{Roles.Admin}"),
        // after every portal's main page, so Home() is unchanged (the inbox link with its unread badge is in the header)
        new("Thông báo nợ", "/htx/thong-bao-no", Roles.Cooperative),
        new("Nhắc nợ", "/tai-chinh/nhac-no", Roles.Staff),
        new("Kế hoạch năm", "/tai-chinh/ke-hoach", Roles.Staff),
        new("Cơ cấu nợ, miễn giảm lãi", "/rui-ro/co-cau-no", HtxFund.Policy.RiskApprovalSettings.DeciderRoles),
        // collections (issue 20): the officer's worklist and the Director's escalations
        new("Thu nợ", "/thu-no", $"{Roles.CreditOfficer},{Roles.Director},{Roles.BoardMember},{Roles.RiskCouncil}"),
        new("Báo cáo thu nợ", "/thu-no/bao-cao", $"{Roles.Director},{Roles.BoardMember},{Roles.RiskCouncil}"),
        new("Kỳ kế toán", "/ke-toan/ky-ke-toan", HtxFund.Accounting.FundBooks.Readers),
        new("Đối chiếu sổ kế toán", "/ke-toan/doi-chieu", HtxFund.Accounting.FundBooks.Readers),
        new("Hệ thống tài khoản", "/ke-toan/he-thong-tai-khoan", HtxFund.Accounting.FundBooks.Readers),
        // issue 20, officer portfolios: the loans by responsible officer (after every portal's main page)
        new("Danh mục theo cán bộ", "/danh-muc-cho-vay", HtxFund.Loans.Officers.OfficerTransferRules.PortfolioRoles),
        new("Kiểm tra sử dụng vốn vay", "/kiem-tra-su-dung-von", HtxFund.Inspections.InspectionRoles.Readers),
        // the dashboard (issue 20): after every portal, so nobody's landing page changes
        new("Bảng điều khiển", "/bang-dieu-khien", HtxFund.Dashboard.DashboardEndpoints.Readers),
        // issue 21, accounts: everyone's own password (last, so nobody's landing page changes)
        new("Đổi mật khẩu", "/tai-khoan/mat-khau", Roles.StaffAndCooperative),
    ];

    public static IEnumerable<NavLink> For(ClaimsPrincipal user) =>
        Links.Where(l => l.Roles.Split(',').Any(user.IsInRole));

    /// <summary>Where a user lands after signing in: the first portal of their roles.</summary>
    public static string Home(ClaimsPrincipal user) => For(user).FirstOrDefault()?.Href ?? "/";
}
