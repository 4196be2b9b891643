using HtxFund.Reference;

namespace HtxFund.Demo;

/// <summary>The demo cooperatives of the Lâm Đồng fund (see <see cref="DemoCatalog"/>).</summary>
public static partial class DemoCatalog
{
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
}
