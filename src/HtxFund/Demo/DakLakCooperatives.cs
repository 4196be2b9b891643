using HtxFund.Reference;

namespace HtxFund.Demo;

/// <summary>The demo cooperatives of the Đắk Lắk fund (see <see cref="DemoCatalog"/>).</summary>
public static partial class DemoCatalog
{
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
}
