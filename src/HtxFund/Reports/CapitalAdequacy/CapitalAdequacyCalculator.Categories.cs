using HtxFund.Borrowers;
using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Funds;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Classification;
using Marten;
using NodaTime;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>The categories the capital-adequacy report breaks the loan book down by (priority groups, borrower types, term
/// classes, other capital sources) and their Vietnamese names.</summary>
public static partial class CapitalAdequacyCalculator
{
    private static PriorityFlags Union(PriorityFlags a, PriorityFlags b) => new(a.WomenManaged || b.WomenManaged,
        a.EthnicMinorityArea || b.EthnicMinorityArea, a.OcopProduct || b.OcopProduct, a.AgriculturalValueChain || b.AgriculturalValueChain,
        a.HighTech || b.HighTech);

    /// <summary>The priority categories (Decree 45/2021 Art 20.1.b): a loan counts in each category its application or
    /// its cooperative records (so a loan may count in several), or in "none".</summary>
    public static readonly (string Key, string Name, Func<PriorityFlags, bool> Has)[] PriorityCategories =
    [
        ("WomenManaged", "Do phụ nữ quản lý", f => f.WomenManaged),
        ("EthnicMinorityArea", "Vùng đồng bào dân tộc thiểu số", f => f.EthnicMinorityArea),
        ("OcopProduct", "Sản phẩm OCOP", f => f.OcopProduct),
        ("AgriculturalValueChain", "Chuỗi giá trị nông nghiệp", f => f.AgriculturalValueChain),
        ("HighTech", "Ứng dụng công nghệ cao", f => f.HighTech),
        ("None", "Không thuộc diện ưu tiên", _ => false),
    ];

    public static (string Key, string Name) BorrowerType(bool member, CooperativeType? type) => (member, type) switch
    {
        (true, CooperativeType.ToHopTac) => ("MemberOfToHopTac", "Thành viên tổ hợp tác"),
        (true, _) => ("MemberOfCooperative", "Thành viên hợp tác xã"),
        (false, CooperativeType.LienHiepHopTacXa) => ("LienHiepHopTacXa", "Liên hiệp hợp tác xã"),
        (false, _) => ("HopTacXa", "Hợp tác xã"),
    };

    public static string TermName(TermClass t) => t switch
    {
        TermClass.Short => "Ngắn hạn",
        TermClass.Medium => "Trung hạn",
        _ => "Dài hạn",
    };

    public static string OtherCapitalName(OtherCapitalSourceKind k) => k switch
    {
        OtherCapitalSourceKind.Grant => "Vốn tài trợ, viện trợ",
        OtherCapitalSourceKind.EntrustedCapital => "Vốn nhận ủy thác",
        OtherCapitalSourceKind.Borrowing => "Vốn vay, huy động",
        OtherCapitalSourceKind.DevelopmentInvestmentFund => "Quỹ đầu tư phát triển",
        _ => "Nguồn vốn hợp pháp khác",
    };
}
