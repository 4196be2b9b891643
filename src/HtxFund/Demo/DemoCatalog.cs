using HtxFund.Reference;

namespace HtxFund.Demo;

/// <summary>A provincial cooperative development support fund in the demo seed; <see cref="TenantId"/> is its tenant.</summary>
public sealed record DemoFund(string TenantId, string Name, string ProvinceName, long CharterCapitalDong, string Letterhead);

/// <summary>
/// A member of a demo cooperative. <see cref="NationalId"/> is a 12-digit citizen identity number (CCCD).
/// Organisational members carry a <see cref="TaxCode"/>; their <see cref="NationalId"/> is the CCCD of the person who
/// represents them. <see cref="IsEnterprise"/> = true marks an enterprise member (not eligible to borrow as a member);
/// the members of a liên hiệp hợp tác xã are cooperatives: <see cref="TaxCode"/> set, <see cref="IsEnterprise"/> = false.
/// </summary>
public sealed record DemoMember(string FullName, string NationalId, bool Official, bool IsEnterprise, string? TaxCode);

/// <summary>
/// A demo cooperative group / cooperative / cooperative union. <see cref="Type"/> is "ToHopTac", "HopTacXa" or
/// "LienHiepHopTacXa"; <see cref="Province"/> is the current (post-1 July 2025) province name; <see cref="District"/> is the
/// pre-2025 district-level locality, which addresses still name; <see cref="RegistrationDate"/> is ISO "yyyy-MM-dd";
/// <see cref="MemberCount"/> is the total membership, of which <see cref="Members"/> lists a few.
/// </summary>
public sealed record DemoCooperative(
    string TenantId,
    string Name,
    string Type,
    string TaxCode,
    string Province,
    string District,
    string Address,
    string RegistrationDate,
    string LegalRepresentative,
    int MemberCount,
    string MainSector,
    bool WomenManaged,
    bool EthnicMinorityArea,
    bool OcopProduct,
    bool AgriculturalValueChain,
    bool HighTech,
    IReadOnlyList<DemoMember> Members,
    string ContactEmail,
    string Phone);

/// <summary>A demo login. <see cref="CooperativeTaxCode"/> binds a "Cooperative" user to its cooperative; null for fund staff.</summary>
public sealed record DemoUser(string TenantId, string UserName, string DisplayName, string Role, string Password, string? CooperativeTaxCode);

/// <summary>
/// Static data for the demo seed: two provincial funds (Đắk Lắk and Lâm Đồng, in their post-1 July 2025 extent, so
/// Phú Yên, Đắk Nông and Bình Thuận localities appear too), 12 cooperatives each and one user per role.
/// Everything here is invented for demonstration: names, tax codes (valid check digit, serials chosen far from the
/// ranges issued so far), citizen ids, phone numbers and e-mail addresses (on the reserved ".example" domain).
/// Pure data, no I/O.
/// </summary>
public static partial class DemoCatalog
{
    public const string DakLak = "daklak";
    public const string LamDong = "lamdong";
    /// <summary>The central fund: every provincial fund of the deployment reports to it (consolidated reports).</summary>
    public const string Central = "trunguong";

    public const string ToHopTac = "ToHopTac";
    public const string HopTacXa = "HopTacXa";
    public const string LienHiepHopTacXa = "LienHiepHopTacXa";

    /// <summary>Shared password of every demo user. DEMO ONLY: never use it, or this catalogue's users, in production.</summary>
    public const string DemoPassword = "HtxFund@2026";

    // Declared before Users (static initialisers run in textual order).
    // (user-name suffix, role, display name) for each fund's staff; the "coop" user is added by FundUsers.
    private static readonly (string Suffix, string Role, string DisplayName)[] DakLakStaff =
    [
        ("credit", "CreditOfficer", "Nguyễn Thị Thu Trang"),
        ("credit2", "CreditOfficer", "Hồ Văn Sơn"),
        ("director", "Director", "Lê Quang Minh"),
        ("board1", "BoardMember", "Trần Đình Khoa"),
        ("board2", "BoardMember", "Phạm Thị Nguyệt"),
        ("board3", "BoardMember", "Y Ngông Byă"),
        ("accountant", "Accountant", "Đỗ Thị Hương"),
        ("chiefaccountant", "ChiefAccountant", "Vũ Văn Thắng"),
        ("risk", "RiskCouncil", "Ngô Đức Anh"),
        ("risk2", "RiskCouncil", "H' Hoa Niê"),
        ("chairman", "Chairman", "Trương Văn Lực"),
        ("admin", "Admin", "Lâm Văn Bảo"),
    ];

    private static readonly (string Suffix, string Role, string DisplayName)[] LamDongStaff =
    [
        ("credit", "CreditOfficer", "Đoàn Thị Mỹ Linh"),
        ("credit2", "CreditOfficer", "Nguyễn Hoàng Phúc"),
        ("director", "Director", "Trần Quốc Việt"),
        ("board1", "BoardMember", "Lê Thị Hồng Nhung"),
        ("board2", "BoardMember", "Hoàng Minh Tuấn"),
        ("board3", "BoardMember", "Ka Liên"),
        ("accountant", "Accountant", "Phan Thị Diễm"),
        ("chiefaccountant", "ChiefAccountant", "Bùi Đức Thọ"),
        ("risk", "RiskCouncil", "Võ Thanh Hải"),
        ("risk2", "RiskCouncil", "Đặng Thị Thu Hà"),
        ("chairman", "Chairman", "Nguyễn Đình Khải"),
        ("admin", "Admin", "Châu Minh Nhật"),
    ];

    private static readonly (string Suffix, string Role, string DisplayName)[] CentralStaff =
    [
        ("director", "Director", "Nguyễn Văn Hùng"),
        ("accountant", "Accountant", "Trần Thị Mai"),
        ("chiefaccountant", "ChiefAccountant", "Lê Văn Đức"),
        ("risk", "RiskCouncil", "Phạm Thị Lan"),
        ("chairman", "Chairman", "Đinh Công Sơn"),
        ("admin", "Admin", "Hoàng Văn Nam"),
    ];

    /// <summary>The central fund (Quỹ hỗ trợ phát triển hợp tác xã Việt Nam, Decree 45/2021 Art 37: charter capital
    /// 1,000 bn ₫); its staff read the consolidated reports of the provincial funds. It lends nothing in the demo.</summary>
    public static DemoFund CentralFund { get; } = new(Central, "Quỹ hỗ trợ phát triển hợp tác xã Việt Nam", "", 1_000_000_000_000,
        "LIÊN MINH HỢP TÁC XÃ VIỆT NAM\nQUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ VIỆT NAM\nĐịa chỉ: 77 Nguyễn Chí Thanh, Hà Nội (địa chỉ minh họa)");

    // Charter capitals are demo assumptions, not the funds' real figures (the legal minimum for a local fund is 20 bn ₫, D45 Art 37).
    public static IReadOnlyList<DemoFund> Funds { get; } =
    [
        new(DakLak, "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk", "Đắk Lắk", 50_000_000_000,
            "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nQUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ TỈNH ĐẮK LẮK\nĐịa chỉ: 9 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk (địa chỉ minh họa)\nĐiện thoại: 0262 3000 000 · quyhtx@daklak.example"),
        new(LamDong, "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lâm Đồng", "Lâm Đồng", 150_000_000_000,
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nQUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ TỈNH LÂM ĐỒNG\nĐịa chỉ: 36 Trần Phú, phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng (địa chỉ minh họa)\nĐiện thoại: 0263 3000 000 · quyhtx@lamdong.example"),
    ];

    /// <summary>24 cooperatives, 12 per fund; the first of each fund is the one its "Cooperative" demo user belongs to.</summary>
    public static IReadOnlyList<DemoCooperative> Cooperatives { get; } = [.. DakLakCooperatives(), .. LamDongCooperatives()];

    /// <summary>11 users per provincial fund: one per role, plus a second credit officer and a second and third board
    /// member; 5 staff users of the central fund.</summary>
    public static IReadOnlyList<DemoUser> Users { get; } =
        [.. FundUsers(DakLak, DakLakStaff), .. FundUsers(LamDong, LamDongStaff), .. CentralStaff.Select(s =>
            new DemoUser(Central, $"{Central}.{s.Suffix}", s.DisplayName, s.Role, DemoPassword, null))];

    /// <summary>
    /// A 12-digit CCCD: 3-digit province of birth (pre-2025 codes: 066 Đắk Lắk, 068 Lâm Đồng, 067 Đắk Nông, 060 Bình Thuận,
    /// 054 Phú Yên, …), a digit for sex and century (0/1 male/female born 1900s, 2/3 born 2000s), 2-digit year of birth
    /// and a 6-digit serial.
    /// </summary>
    private static string Cccd(string birthProvince, bool female, int birthYear, int serial) =>
        $"{birthProvince}{(birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0)}{birthYear % 100:00}{serial:000000}";

    private static DemoMember Person(string name, string cccd, bool official = true) => new(name, cccd, official, false, null);

    private static DemoMember MemberCooperative(DemoCooperative coop) =>
        new(coop.Name, coop.Members[0].NationalId, true, false, coop.TaxCode);

    private static IEnumerable<DemoUser> FundUsers(string tenantId, (string Suffix, string Role, string DisplayName)[] staff)
    {
        var firstCooperative = Cooperatives.First(c => c.TenantId == tenantId);
        yield return new DemoUser(tenantId, $"{tenantId}.coop", firstCooperative.LegalRepresentative, "Cooperative", DemoPassword,
            firstCooperative.TaxCode);
        foreach (var (suffix, role, displayName) in staff)
        {
            yield return new DemoUser(tenantId, $"{tenantId}.{suffix}", displayName, role, DemoPassword, null);
        }
    }
}
