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
public static class DemoCatalog
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
        ("admin", "Admin", "Châu Minh Nhật"),
    ];

    private static readonly (string Suffix, string Role, string DisplayName)[] CentralStaff =
    [
        ("director", "Director", "Nguyễn Văn Hùng"),
        ("accountant", "Accountant", "Trần Thị Mai"),
        ("chiefaccountant", "ChiefAccountant", "Lê Văn Đức"),
        ("risk", "RiskCouncil", "Phạm Thị Lan"),
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

    private static IReadOnlyList<DemoCooperative> DakLakCooperatives()
    {
        const string province = "Đắk Lắk";
        var eaTul = new DemoCooperative(DakLak,
            "Hợp tác xã Nông nghiệp Dịch vụ Cà phê Ea Tul", HopTacXa, TaxCode.Generate("609900001"), province,
            "Huyện Cư M'gar", "Thôn 2, xã Ea Tul, huyện Cư M'gar, tỉnh Đắk Lắk", "2019-04-16", "Y Thái Niê",
            86, "Trồng, sơ chế và tiêu thụ cà phê", WomenManaged: false, EthnicMinorityArea: true, OcopProduct: true,
            AgriculturalValueChain: true, HighTech: false,
            [
                Person("Y Thái Niê", Cccd("066", false, 1978, 412_507)),
                Person("H'Hen Êban", Cccd("066", true, 1985, 218_934)),
                Person("Nguyễn Văn Hùng", Cccd("034", false, 1972, 603_118)),
                Person("Trần Thị Thu Hà", Cccd("038", true, 1980, 951_240)),
                new("Công ty TNHH Chế biến Nông sản Ea Tul", Cccd("066", false, 1976, 730_562), true, true,
                    TaxCode.Generate("609800001")),
            ],
            "caphe.eatul@demo.htxfund.example", "0914528316");

        var eaKly = new DemoCooperative(DakLak,
            "Hợp tác xã Hồ tiêu Hữu cơ Ea Kly", HopTacXa, TaxCode.Generate("609900002"), province,
            "Huyện Krông Pắc", "Thôn 3, xã Ea Kly, huyện Krông Pắc, tỉnh Đắk Lắk", "2020-08-21", "Lê Văn Thành",
            32, "Trồng hồ tiêu hữu cơ", false, false, false, true, false,
            [
                Person("Lê Văn Thành", Cccd("040", false, 1970, 125_873)),
                Person("Phạm Thị Hoa", Cccd("040", true, 1975, 384_201)),
                Person("Y Bhiêr Mlô", Cccd("066", false, 1982, 559_016)),
                Person("Đỗ Văn Lộc", Cccd("042", false, 1968, 207_645), official: false),
            ],
            "hotieu.eakly@demo.htxfund.example", "0905147362");

        var phuocAn = new DemoCooperative(DakLak,
            "Hợp tác xã Nông nghiệp Sầu riêng Phước An", HopTacXa, TaxCode.Generate("609900003"), province,
            "Huyện Krông Pắc", "Tổ dân phố 5, thị trấn Phước An, huyện Krông Pắc, tỉnh Đắk Lắk", "2018-11-05", "Võ Thị Lan",
            45, "Trồng và xuất khẩu sầu riêng", true, false, true, true, true,
            [
                Person("Võ Thị Lan", Cccd("049", true, 1979, 664_392)),
                Person("Huỳnh Văn Sang", Cccd("049", false, 1974, 118_057)),
                Person("Ngô Thị Kim Oanh", Cccd("066", true, 1988, 790_431)),
                Person("Bùi Quang Huy", Cccd("066", false, 1990, 342_886)),
            ],
            "saurieng.phuocan@demo.htxfund.example", "0935862174");

        var krongAna = new DemoCooperative(DakLak,
            "Hợp tác xã Ca cao Krông Ana", HopTacXa, TaxCode.Generate("609900004"), province,
            "Huyện Krông Ana", "Thôn 4, xã Bình Hòa, huyện Krông Ana, tỉnh Đắk Lắk", "2021-03-12", "Đặng Văn Tuấn",
            18, "Trồng, lên men và chế biến ca cao", false, true, true, true, false,
            [
                Person("Đặng Văn Tuấn", Cccd("036", false, 1976, 275_619)),
                Person("H'Bia Byă", Cccd("066", true, 1987, 903_154)),
                Person("Y Kông Ayŭn", Cccd("066", false, 1983, 481_720)),
                Person("Lương Thị Mến", Cccd("036", true, 1981, 156_308)),
            ],
            "cacao.krongana@demo.htxfund.example", "0982315740");

        var eaHleo = new DemoCooperative(DakLak,
            "Hợp tác xã Ong mật Ea H'leo", HopTacXa, TaxCode.Generate("609900005"), province,
            "Huyện Ea H'leo", "Thôn 6, xã Ea Khăl, huyện Ea H'leo, tỉnh Đắk Lắk", "2017-06-28", "Hoàng Văn Nam",
            24, "Nuôi ong lấy mật, chế biến mật ong", false, true, true, true, false,
            [
                Person("Hoàng Văn Nam", Cccd("040", false, 1969, 837_265)),
                Person("Ksor H'Lan", Cccd("066", true, 1986, 402_719)),
                Person("Rơ Châm Blin", Cccd("066", false, 1984, 610_483)),
                Person("Vũ Thị Ngọc Anh", Cccd("034", true, 1991, 529_907)),
            ],
            "ongmat.eahleo@demo.htxfund.example", "0976420318");

        var buonTria = new DemoCooperative(DakLak,
            "Hợp tác xã Nông nghiệp Dịch vụ Buôn Tría", HopTacXa, TaxCode.Generate("609900006"), province,
            "Huyện Lắk", "Buôn Tría, xã Buôn Tría, huyện Lắk, tỉnh Đắk Lắk", "2016-09-09", "Y Thuột Buôn Krông",
            54, "Trồng lúa nước, dịch vụ làm đất và thủy lợi nội đồng", false, true, false, false, false,
            [
                Person("Y Thuột Buôn Krông", Cccd("066", false, 1975, 318_442)),
                Person("H'Lin Niê", Cccd("066", true, 1989, 746_083)),
                Person("Phan Văn Lợi", Cccd("040", false, 1966, 290_571)),
                Person("Y Jek Mlô", Cccd("066", false, 1992, 865_134)),
                Person("H'Ra Buôn Krông", Cccd("066", true, 1995, 137_926)),
            ],
            "lua.buontria@demo.htxfund.example", "0943671205");

        var akoDhong = new DemoCooperative(DakLak,
            "Hợp tác xã Dệt thổ cẩm Buôn Akô Dhông", HopTacXa, TaxCode.Generate("609900007"), province,
            "Thành phố Buôn Ma Thuột", "Buôn Akô Dhông, phường Tân Lợi, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk", "2022-01-18", "H'Yam Byă",
            15, "Dệt thổ cẩm, may trang phục truyền thống Êđê", true, true, true, false, false,
            [
                Person("H'Yam Byă", Cccd("066", true, 1972, 581_360)),
                Person("H'Juel Mlô", Cccd("066", true, 1980, 224_795)),
                Person("H'Dơk Niê", Cccd("066", true, 1994, 673_018)),
                Person("H'Loan Kbuôr", Cccd("066", true, 2001, 409_552)),
            ],
            "thocam.akodhong@demo.htxfund.example", "0916284073");

        var hoaThang = new DemoCooperative(DakLak,
            "Tổ hợp tác Trồng bơ Hòa Thắng", ToHopTac, TaxCode.Generate("609900008"), province,
            "Thành phố Buôn Ma Thuột", "Thôn 2, xã Hòa Thắng, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk", "2023-05-10", "Nguyễn Thị Bích Ngọc",
            6, "Trồng và tiêu thụ bơ sáp", true, false, false, true, false,
            [
                Person("Nguyễn Thị Bích Ngọc", Cccd("066", true, 1984, 952_617)),
                Person("Trương Văn Hải", Cccd("066", false, 1980, 316_284)),
                Person("Lý Thị Mai", Cccd("066", true, 1977, 708_439)),
                Person("Châu Văn Tài", Cccd("049", false, 1971, 463_015)),
            ],
            "bo.hoathang@demo.htxfund.example", "0961537284");

        var krongNa = new DemoCooperative(DakLak,
            "Tổ hợp tác Chăn nuôi bò Krông Na", ToHopTac, TaxCode.Generate("609900009"), province,
            "Huyện Buôn Đôn", "Buôn Trí A, xã Krông Na, huyện Buôn Đôn, tỉnh Đắk Lắk", "2024-10-02", "Y Khu Niê",
            5, "Chăn nuôi bò sinh sản", false, true, false, false, false,
            [
                Person("Y Khu Niê", Cccd("066", false, 1979, 527_806)),
                Person("H'Mai Mlô", Cccd("066", true, 1986, 184_362)),
                Person("Y Sơn Ktla", Cccd("066", false, 1990, 630_917)),
                Person("Lê Thị Hồng", Cccd("042", true, 1983, 871_245)),
                Person("Y Wơn Niê", Cccd("066", false, 1998, 295_083)),
            ],
            "bo.krongna@demo.htxfund.example", "0889246517");

        var xuanThinh = new DemoCooperative(DakLak,
            "Hợp tác xã Nuôi trồng Thủy sản Xuân Thịnh", HopTacXa, TaxCode.Generate("609900010"), province,
            "Thị xã Sông Cầu", "Thôn Phú Dương, xã Xuân Thịnh, thị xã Sông Cầu, tỉnh Phú Yên (cũ)", "2019-07-22", "Trần Văn Hòa",
            28, "Nuôi tôm hùm lồng trên vịnh Xuân Đài", false, false, false, true, false,
            [
                Person("Trần Văn Hòa", Cccd("054", false, 1973, 392_615)),
                Person("Nguyễn Thị Sương", Cccd("054", true, 1978, 615_720)),
                Person("Lê Văn Bảy", Cccd("054", false, 1969, 248_193)),
                Person("Phạm Văn Tâm", Cccd("054", false, 1985, 907_364)),
            ],
            "tomhum.xuanthinh@demo.htxfund.example", "0917635402");

        var anHai = new DemoCooperative(DakLak,
            "Hợp tác xã Khai thác Hải sản An Hải", HopTacXa, TaxCode.Generate("609900012"), province,
            "Huyện Tuy An", "Thôn Tân Lập, xã An Hải, huyện Tuy An, tỉnh Phú Yên (cũ)", "2020-02-14", "Huỳnh Văn Chín",
            12, "Khai thác cá ngừ đại dương bằng nghề câu tay", false, false, false, true, false,
            [
                Person("Huỳnh Văn Chín", Cccd("054", false, 1967, 713_548)),
                Person("Võ Văn Mười", Cccd("054", false, 1972, 486_021)),
                Person("Đoàn Thị Nga", Cccd("054", true, 1980, 159_837)),
            ],
            "cangu.anhai@demo.htxfund.example", "0932804615");

        var union = new DemoCooperative(DakLak,
            "Liên hiệp Hợp tác xã Nông sản Đắk Lắk", LienHiepHopTacXa, TaxCode.Generate("609900013"), province,
            "Thành phố Buôn Ma Thuột", "Số 86 Ama Trang Lơng, phường Tân Lợi, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk", "2021-12-01",
            "Trịnh Xuân Trường",
            4, "Liên kết tiêu thụ nông sản, cung ứng vật tư nông nghiệp", false, false, false, true, false,
            [MemberCooperative(eaTul), MemberCooperative(eaKly), MemberCooperative(phuocAn), MemberCooperative(krongAna)],
            "lienhiep.daklak@demo.htxfund.example", "02623854170");

        return [eaTul, eaKly, phuocAn, krongAna, eaHleo, buonTria, akoDhong, hoaThang, krongNa, union, xuanThinh, anHai];
    }

    private static IReadOnlyList<DemoCooperative> LamDongCooperatives()
    {
        const string province = "Lâm Đồng";
        var xuanTho = new DemoCooperative(LamDong,
            "Hợp tác xã Nông nghiệp Công nghệ cao Xuân Thọ", HopTacXa, TaxCode.Generate("589900001"), province,
            "Thành phố Đà Lạt", "Thôn Xuân Sơn, xã Xuân Thọ, thành phố Đà Lạt, tỉnh Lâm Đồng", "2018-03-20", "Phạm Văn Đức",
            64, "Trồng rau an toàn trong nhà kính", WomenManaged: false, EthnicMinorityArea: false, OcopProduct: true,
            AgriculturalValueChain: true, HighTech: true,
            [
                Person("Phạm Văn Đức", Cccd("036", false, 1971, 548_203)),
                Person("Nguyễn Thị Hạnh", Cccd("068", true, 1976, 217_690)),
                Person("Trần Minh Khoa", Cccd("068", false, 1989, 836_415)),
                Person("Lê Thị Thanh Tâm", Cccd("068", true, 1992, 470_128)),
                new("Công ty Cổ phần Nông sản Sạch Lâm Viên", Cccd("068", false, 1974, 395_761), false, true,
                    TaxCode.Generate("589800001")),
            ],
            "rau.xuantho@demo.htxfund.example", "0918372645");

        var thaiPhien = new DemoCooperative(LamDong,
            "Hợp tác xã Hoa Thái Phiên", HopTacXa, TaxCode.Generate("589900002"), province,
            "Thành phố Đà Lạt", "Thôn Thái Phiên, phường 12, thành phố Đà Lạt, tỉnh Lâm Đồng", "2017-10-11", "Đinh Thị Ngọc Lan",
            42, "Trồng hoa cắt cành (cúc, hồng, cẩm chướng)", true, false, false, true, true,
            [
                Person("Đinh Thị Ngọc Lan", Cccd("068", true, 1974, 603_952)),
                Person("Vương Văn Tú", Cccd("001", false, 1965, 182_437)),
                Person("Hồ Thị Phương", Cccd("068", true, 1983, 759_014)),
                Person("Mai Xuân Bách", Cccd("068", false, 1990, 324_586)),
            ],
            "hoa.thaiphien@demo.htxfund.example", "0908451372");

        var locChau = new DemoCooperative(LamDong,
            "Hợp tác xã Chè Lộc Châu", HopTacXa, TaxCode.Generate("589900003"), province,
            "Thành phố Bảo Lộc", "Thôn 7, xã Lộc Châu, thành phố Bảo Lộc, tỉnh Lâm Đồng", "2016-05-30", "Nguyễn Văn Thịnh",
            38, "Trồng và chế biến chè ô long", false, false, true, true, false,
            [
                Person("Nguyễn Văn Thịnh", Cccd("034", false, 1962, 461_825)),
                Person("Trần Thị Hường", Cccd("034", true, 1968, 907_253)),
                Person("Ka Thúy", Cccd("068", true, 1985, 236_740)),
                Person("Phan Đình Khải", Cccd("068", false, 1979, 518_069), official: false),
            ],
            "che.locchau@demo.htxfund.example", "0937516824");

        var giaHiep = new DemoCooperative(LamDong,
            "Hợp tác xã Cà phê Gia Hiệp", HopTacXa, TaxCode.Generate("589900004"), province,
            "Huyện Di Linh", "Thôn 3, xã Gia Hiệp, huyện Di Linh, tỉnh Lâm Đồng", "2019-09-17", "K'Brêu",
            57, "Trồng cà phê robusta bền vững, sơ chế ướt", false, true, false, true, false,
            [
                Person("K'Brêu", Cccd("068", false, 1977, 684_301)),
                Person("Ka Hoa", Cccd("068", true, 1984, 153_977)),
                Person("K'Sớ", Cccd("068", false, 1990, 902_416)),
                Person("Đoàn Văn Long", Cccd("040", false, 1970, 367_258)),
                Person("Ka Nhi", Cccd("068", true, 1996, 741_530)),
            ],
            "caphe.giahiep@demo.htxfund.example", "0973628451");

        var hiepAn = new DemoCooperative(LamDong,
            "Hợp tác xã Nông nghiệp Hiệp An", HopTacXa, TaxCode.Generate("589900005"), province,
            "Huyện Đức Trọng", "Thôn Định An, xã Hiệp An, huyện Đức Trọng, tỉnh Lâm Đồng", "2020-06-08", "Lương Thị Thảo",
            21, "Trồng rau củ quả theo tiêu chuẩn VietGAP", true, false, false, true, false,
            [
                Person("Lương Thị Thảo", Cccd("068", true, 1981, 825_604)),
                Person("Cao Văn Dũng", Cccd("068", false, 1975, 190_382)),
                Person("Đinh Thị Yến", Cccd("068", true, 1988, 573_219)),
            ],
            "rau.hiepan@demo.htxfund.example", "0945219387");

        var lat = new DemoCooperative(LamDong,
            "Tổ hợp tác Dệt thổ cẩm Lát", ToHopTac, TaxCode.Generate("589900006"), province,
            "Huyện Lạc Dương", "Thôn Đạ Nghịt, xã Lát, huyện Lạc Dương, tỉnh Lâm Đồng", "2023-09-25", "Kơ Să Ha Thuyên",
            7, "Dệt thổ cẩm K'Ho thủ công", true, true, true, false, false,
            [
                Person("Kơ Să Ha Thuyên", Cccd("068", true, 1979, 438_162)),
                Person("Liêng Hót Ha Nhung", Cccd("068", true, 1985, 967_305)),
                Person("Cil Ha Puil", Cccd("068", true, 1992, 214_873)),
                Person("Bon Niêng Ha Dung", Cccd("068", true, 2002, 650_491)),
            ],
            "thocam.lat@demo.htxfund.example", "0868143925");

        var tuTra = new DemoCooperative(LamDong,
            "Hợp tác xã Bò sữa Tu Tra", HopTacXa, TaxCode.Generate("589900007"), province,
            "Huyện Đơn Dương", "Thôn 5, xã Tu Tra, huyện Đơn Dương, tỉnh Lâm Đồng", "2018-12-03", "Hà Văn Quang",
            30, "Chăn nuôi bò sữa, thu gom sữa tươi", false, true, false, true, false,
            [
                Person("Hà Văn Quang", Cccd("038", false, 1973, 281_946)),
                Person("Touneh Sơn", Cccd("068", false, 1984, 506_382)),
                Person("Nguyễn Thị Lụa", Cccd("038", true, 1977, 843_710)),
                Person("Ya Tiến", Cccd("068", false, 1991, 127_654)),
            ],
            "bosua.tutra@demo.htxfund.example", "0912708536");

        var tanHa = new DemoCooperative(LamDong,
            "Hợp tác xã Dâu tằm Tân Hà", HopTacXa, TaxCode.Generate("589900008"), province,
            "Huyện Lâm Hà", "Thôn Tân Hòa, xã Tân Hà, huyện Lâm Hà, tỉnh Lâm Đồng", "2021-04-19", "Vũ Thị Hằng",
            26, "Trồng dâu, nuôi tằm, ươm tơ", true, false, true, true, false,
            [
                Person("Vũ Thị Hằng", Cccd("034", true, 1978, 396_027)),
                Person("Bùi Văn Cường", Cccd("034", false, 1974, 752_184)),
                Person("Tạ Thị Minh", Cccd("034", true, 1982, 618_493)),
                Person("Nông Văn Sáng", Cccd("068", false, 1987, 204_375)),
            ],
            "dautam.tanha@demo.htxfund.example", "0984362175");

        var thuanHanh = new DemoCooperative(LamDong,
            "Tổ hợp tác Hồ tiêu Thuận Hạnh", ToHopTac, TaxCode.Generate("589900011"), province,
            "Huyện Đắk Song", "Thôn 4, xã Thuận Hạnh, huyện Đắk Song, tỉnh Đắk Nông (cũ)", "2024-08-15", "Nguyễn Hữu Phước",
            4, "Trồng hồ tiêu", false, true, false, false, false,
            [
                Person("Nguyễn Hữu Phước", Cccd("067", false, 1980, 573_806)),
                Person("Y Thương", Cccd("067", false, 1986, 319_547)),
                Person("Thị Ngân", Cccd("067", true, 1990, 862_031)),
                Person("Lê Văn Hiếu", Cccd("040", false, 1976, 437_290)),
            ],
            "hotieu.thuanhanh@demo.htxfund.example", "0396724518");

        var buonChoah = new DemoCooperative(LamDong,
            "Hợp tác xã Nông nghiệp Buôn Choáh", HopTacXa, TaxCode.Generate("589900012"), province,
            "Huyện Krông Nô", "Buôn Choáh, xã Buôn Choáh, huyện Krông Nô, tỉnh Đắk Nông (cũ)", "2017-03-02", "Y Khuyên Niê",
            68, "Trồng lúa chất lượng cao (gạo Buôn Choáh)", false, true, true, true, false,
            [
                Person("Y Khuyên Niê", Cccd("067", false, 1975, 648_213)),
                Person("H'Nhoan Êban", Cccd("067", true, 1983, 205_876)),
                Person("Trần Văn Bình", Cccd("067", false, 1979, 931_462)),
                Person("Thị Sa", Cccd("067", true, 1990, 476_598)),
            ],
            "lua.buonchoah@demo.htxfund.example", "0357812964");

        var hamMinh = new DemoCooperative(LamDong,
            "Hợp tác xã Thanh long Hàm Minh", HopTacXa, TaxCode.Generate("589900013"), province,
            "Huyện Hàm Thuận Nam", "Thôn 3, xã Hàm Minh, huyện Hàm Thuận Nam, tỉnh Bình Thuận (cũ)", "2019-01-24", "Lê Thị Kim Hoa",
            47, "Trồng thanh long ruột đỏ theo tiêu chuẩn GlobalGAP, đóng gói xuất khẩu", true, false, true, true, true,
            [
                Person("Lê Thị Kim Hoa", Cccd("060", true, 1976, 584_129)),
                Person("Nguyễn Văn Tám", Cccd("060", false, 1966, 317_045)),
                Person("Đặng Thị Mỹ", Cccd("060", true, 1984, 790_362)),
                Person("Trương Công Danh", Cccd("060", false, 1993, 263_817)),
            ],
            "thanhlong.hamminh@demo.htxfund.example", "0919546283");

        var union = new DemoCooperative(LamDong,
            "Liên hiệp Hợp tác xã Nông nghiệp Lâm Đồng", LienHiepHopTacXa, TaxCode.Generate("589900014"), province,
            "Thành phố Đà Lạt", "Số 15 Hùng Vương, phường 9, thành phố Đà Lạt, tỉnh Lâm Đồng", "2020-10-12", "Phạm Văn Đức",
            3, "Liên kết sản xuất và tiêu thụ rau, hoa", false, false, false, true, false,
            [MemberCooperative(xuanTho), MemberCooperative(thaiPhien), MemberCooperative(hiepAn)],
            "lienhiep.lamdong@demo.htxfund.example", "02633826415");

        return [xuanTho, thaiPhien, locChau, giaHiep, hiepAn, lat, tuTra, tanHa, thuanHanh, buonChoah, hamMinh, union];
    }

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
