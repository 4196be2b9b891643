using HtxFund.Reference;

namespace HtxFund.Tests.Reference;

public class finding_a_province
{
    // The 63 provincial-level units before 1 July 2025 and the unit each became part of (Resolution 202/2025/QH15).
    // Kept independent of Provinces.cs on purpose, so a typo in one is caught by the other.
    public static TheoryData<string, string> FormerProvinces => new()
    {
        { "Hà Nội", "Hà Nội" }, { "Thừa Thiên Huế", "Huế" }, { "Lai Châu", "Lai Châu" }, { "Điện Biên", "Điện Biên" },
        { "Sơn La", "Sơn La" }, { "Lạng Sơn", "Lạng Sơn" }, { "Quảng Ninh", "Quảng Ninh" }, { "Thanh Hóa", "Thanh Hóa" },
        { "Nghệ An", "Nghệ An" }, { "Hà Tĩnh", "Hà Tĩnh" }, { "Cao Bằng", "Cao Bằng" },
        { "Tuyên Quang", "Tuyên Quang" }, { "Hà Giang", "Tuyên Quang" },
        { "Lào Cai", "Lào Cai" }, { "Yên Bái", "Lào Cai" },
        { "Thái Nguyên", "Thái Nguyên" }, { "Bắc Kạn", "Thái Nguyên" },
        { "Phú Thọ", "Phú Thọ" }, { "Vĩnh Phúc", "Phú Thọ" }, { "Hòa Bình", "Phú Thọ" },
        { "Bắc Ninh", "Bắc Ninh" }, { "Bắc Giang", "Bắc Ninh" },
        { "Hưng Yên", "Hưng Yên" }, { "Thái Bình", "Hưng Yên" },
        { "Hải Phòng", "Hải Phòng" }, { "Hải Dương", "Hải Phòng" },
        { "Ninh Bình", "Ninh Bình" }, { "Hà Nam", "Ninh Bình" }, { "Nam Định", "Ninh Bình" },
        { "Quảng Trị", "Quảng Trị" }, { "Quảng Bình", "Quảng Trị" },
        { "Đà Nẵng", "Đà Nẵng" }, { "Quảng Nam", "Đà Nẵng" },
        { "Quảng Ngãi", "Quảng Ngãi" }, { "Kon Tum", "Quảng Ngãi" },
        { "Gia Lai", "Gia Lai" }, { "Bình Định", "Gia Lai" },
        { "Khánh Hòa", "Khánh Hòa" }, { "Ninh Thuận", "Khánh Hòa" },
        { "Lâm Đồng", "Lâm Đồng" }, { "Đắk Nông", "Lâm Đồng" }, { "Bình Thuận", "Lâm Đồng" },
        { "Đắk Lắk", "Đắk Lắk" }, { "Phú Yên", "Đắk Lắk" },
        { "Hồ Chí Minh", "Hồ Chí Minh" }, { "Bình Dương", "Hồ Chí Minh" }, { "Bà Rịa - Vũng Tàu", "Hồ Chí Minh" },
        { "Đồng Nai", "Đồng Nai" }, { "Bình Phước", "Đồng Nai" },
        { "Tây Ninh", "Tây Ninh" }, { "Long An", "Tây Ninh" },
        { "Cần Thơ", "Cần Thơ" }, { "Sóc Trăng", "Cần Thơ" }, { "Hậu Giang", "Cần Thơ" },
        { "Vĩnh Long", "Vĩnh Long" }, { "Bến Tre", "Vĩnh Long" }, { "Trà Vinh", "Vĩnh Long" },
        { "Đồng Tháp", "Đồng Tháp" }, { "Tiền Giang", "Đồng Tháp" },
        { "Cà Mau", "Cà Mau" }, { "Bạc Liêu", "Cà Mau" },
        { "An Giang", "An Giang" }, { "Kiên Giang", "An Giang" },
    };

    [Fact]
    public void the_former_list_above_has_the_63_old_units()
    {
        var names = FormerProvinces.Select(row => (string)row[0]).ToList();
        names.Count.ShouldBe(63);
        names.Distinct().Count().ShouldBe(63);
    }

    [Theory]
    [MemberData(nameof(FormerProvinces))]
    public void every_pre_2025_province_resolves_to_the_province_it_merged_into(string former, string current)
    {
        Provinces.Find(former).ShouldNotBeNull().Name.ShouldBe(current);
    }

    [Theory]
    [MemberData(nameof(FormerProvinces))]
    public void every_pre_2025_province_resolves_without_diacritics_in_capitals_and_with_its_prefix(string former, string current)
    {
        var plain = VietnameseText.Fold(former).ToUpperInvariant();
        Provinces.Find(plain).ShouldNotBeNull().Name.ShouldBe(current);
        Provinces.Find($"Tỉnh {former}").ShouldNotBeNull().Name.ShouldBe(current);
    }

    [Fact]
    public void there_are_34_units_28_provinces_and_6_cities()
    {
        Provinces.All.Count.ShouldBe(34);
        Provinces.All.Count(p => p.Kind == "Tỉnh").ShouldBe(28);
        Provinces.All.Where(p => p.Kind == "Thành phố").Select(p => p.Name)
            .ShouldBe(["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"], ignoreOrder: true);
        Provinces.All.Select(p => p.Code).Distinct().Count().ShouldBe(34);
        Provinces.All.Select(p => p.Name).Distinct().Count().ShouldBe(34);
    }

    [Fact]
    public void codes_are_ascii_slugs()
    {
        Provinces.All.ShouldAllBe(p => p.Code.All(c => (c >= 'a' && c <= 'z') || c == '-'));
        Provinces.ByCode("dak-lak").ShouldBe(Provinces.Find("Đắk Lắk"));
        Provinces.ByCode("atlantis").ShouldBeNull();
    }

    [Fact]
    public void names_are_stored_in_nfc()
    {
        Provinces.All.ShouldAllBe(p => VietnameseText.IsNfc(p.Name) && VietnameseText.IsNfc(p.Kind));
    }

    [Fact]
    public void the_former_units_are_the_63_old_ones_each_merged_into_a_current_unit()
    {
        Provinces.Former.Count.ShouldBe(63);
        Provinces.Former.Select(f => VietnameseText.Fold(f.Name)).Distinct().Count().ShouldBe(63);
        Provinces.Former.ShouldAllBe(f => Provinces.All.Contains(f.MergedInto));
        Provinces.All.ShouldAllBe(p => Provinces.Former.Any(f => f.MergedInto == p && f.Name == p.Name));
    }

    [Fact]
    public void every_current_unit_finds_itself_by_name_and_full_name()
    {
        foreach (var province in Provinces.All)
        {
            Provinces.Find(province.Name).ShouldBe(province);
            Provinces.Find(province.FullName).ShouldBe(province);
            Provinces.Find(province.FullName.ToUpperInvariant()).ShouldBe(province);
        }
    }

    [Theory]
    [InlineData("Dak Lak")]
    [InlineData("dak lak")]
    [InlineData("ĐẮK LẮK")]
    [InlineData("Đăk Lăk")]
    [InlineData("Daklak")]
    [InlineData("tỉnh Đắk Lắk")]
    [InlineData("Tinh Dak Lak")]
    [InlineData("  Đắk   Lắk  ")]
    [InlineData("Phu Yen")]
    [InlineData("Tỉnh Phú Yên")]
    public void spellings_of_dak_lak_and_phu_yen_find_dak_lak(string input)
    {
        Provinces.Find(input).ShouldNotBeNull().Code.ShouldBe("dak-lak");
    }

    [Fact]
    public void decomposed_input_is_matched()
    {
        Provinces.Find("Đắk Lắk".Normalize(System.Text.NormalizationForm.FormD)).ShouldNotBeNull().Name.ShouldBe("Đắk Lắk");
    }

    [Theory]
    [InlineData("Đắk Nông")]
    [InlineData("Dak Nong")]
    [InlineData("Bình Thuận")]
    [InlineData("binh thuan")]
    [InlineData("Lam Dong")]
    public void dak_nong_and_binh_thuan_are_now_lam_dong(string input)
    {
        Provinces.Find(input).ShouldNotBeNull().Name.ShouldBe("Lâm Đồng");
    }

    [Theory]
    [InlineData("TP. Hồ Chí Minh")]
    [InlineData("TP.HCM")]
    [InlineData("TP HCM")]
    [InlineData("Thành phố Hồ Chí Minh")]
    [InlineData("Ho Chi Minh")]
    [InlineData("Bà Rịa – Vũng Tàu")]
    [InlineData("Bà Rịa-Vũng Tàu")]
    [InlineData("Ba Ria Vung Tau")]
    [InlineData("Bình Dương")]
    public void names_of_ho_chi_minh_city_and_its_merged_provinces_find_it(string input)
    {
        var province = Provinces.Find(input).ShouldNotBeNull();
        province.Name.ShouldBe("Hồ Chí Minh");
        province.FullName.ShouldBe("Thành phố Hồ Chí Minh");
    }

    [Theory]
    [InlineData("Thừa Thiên - Huế")]
    [InlineData("Thành phố Huế")]
    [InlineData("Hoà Bình")] // old-style tone placement; folds like "Hòa Bình"
    [InlineData("Bắc Cạn")]
    public void common_variant_spellings_are_recognised(string input)
    {
        Provinces.Find(input).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Tỉnh")]
    [InlineData("Thành phố")]
    [InlineData("Atlantis")]
    [InlineData("Buôn Ma Thuột")]
    [InlineData("Krông Pắc")]
    [InlineData("Lak")]
    [InlineData("Nam")]
    public void an_unknown_name_finds_nothing(string? input)
    {
        Provinces.Find(input).ShouldBeNull();
    }
}
