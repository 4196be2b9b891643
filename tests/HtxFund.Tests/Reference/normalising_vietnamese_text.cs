using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;

namespace HtxFund.Tests.Reference;

public class normalising_vietnamese_text
{
    private const string DecomposedNguyen = "Nguye\u0302\u0303n"; // e + combining circumflex + combining tilde

    [Fact]
    public void decomposed_input_is_composed_to_nfc()
    {
        VietnameseText.IsNfc(DecomposedNguyen).ShouldBeFalse();

        var normalised = VietnameseText.Normalize(DecomposedNguyen);

        normalised.ShouldBe("Nguyễn");
        normalised.Length.ShouldBe(6);
        VietnameseText.IsNfc(normalised).ShouldBeTrue();
    }

    [Fact]
    public void a_whole_decomposed_name_round_trips_to_the_composed_one()
    {
        var composed = "Hợp tác xã Nông nghiệp Dịch vụ Cà phê Ea Tul";
        VietnameseText.Normalize(composed.Normalize(NormalizationForm.FormD)).ShouldBe(composed);
    }

    [Theory]
    [InlineData("  Nguyễn   Văn\tAn \n", "Nguyễn Văn An")]
    [InlineData("Trần\r\nThị\u00A0Mai", "Trần Thị Mai")]
    [InlineData("\u200BĐắk\u200B Lắk\uFEFF", "Đắk Lắk")]
    [InlineData("Lâm\u0000 Đồng\u0007", "Lâm Đồng")]
    [InlineData("Hà\u200E Nội", "Hà Nội")]
    public void whitespace_is_collapsed_and_control_and_format_characters_are_removed(string input, string expected)
    {
        VietnameseText.Normalize(input).ShouldBe(expected);
    }

    [Fact]
    public void a_format_character_between_a_letter_and_its_mark_does_not_prevent_composition()
    {
        VietnameseText.Normalize("e\u200B\u0301").ShouldBe("é");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n ")]
    public void empty_input_normalises_to_an_empty_string(string? input)
    {
        VietnameseText.Normalize(input).ShouldBe("");
        VietnameseText.Fold(input).ShouldBe("");
    }

    [Fact]
    public void a_lone_surrogate_does_not_throw()
    {
        VietnameseText.Normalize("a\uD800b").ShouldBe("a\uFFFDb");
        VietnameseText.IsNfc("a\uD800b").ShouldBeFalse();
    }

    [Theory]
    [InlineData(@"Hợp tác xã \uFFFE", "Hợp tác xã")]
    [InlineData(@"a\uFFFFb", "ab")]
    [InlineData(@"a\uFDD0b\uFDEFc", "abc")]
    [InlineData(@"Đắk\uD83F\uDFFE Lắk", "Đắk Lắk")] // U+1FFFE
    public void noncharacters_are_dropped_instead_of_making_normalisation_throw(string escaped, string expected)
    {
        var input = System.Text.RegularExpressions.Regex.Unescape(escaped);
        VietnameseText.Normalize(input).ShouldBe(expected);
        VietnameseText.Fold(input).ShouldBe(VietnameseText.Fold(expected));
        Should.NotThrow(() => VietnameseText.Nfc(input)); // the PDF layout's NFC, which threw on U+FFFE as well
    }

    /// <summary>Issue 16: Unicode normalisation threw on noncharacters (U+FFFE made a search and a page answer 500).
    /// Whatever the UTF-16 (lone surrogates, noncharacters, controls, marks), normalising and folding never throw, give
    /// text the edge accepts, and normalising is idempotent.</summary>
    [Property(Arbitrary = [typeof(AnyUtf16)], MaxTest = 500)]
    public bool normalising_and_folding_never_throw_and_give_acceptable_text(string input)
    {
        var normalised = VietnameseText.Normalize(input);
        var folded = VietnameseText.Fold(input);
        return InputText.Check(normalised) == TextFault.None && InputText.Check(folded) == TextFault.None
            && VietnameseText.Normalize(normalised) == normalised;
    }

    [Theory]
    [InlineData("Dak Lak")]
    [InlineData("dak lak")]
    [InlineData("ĐẮK LẮK")]
    [InlineData("Đắk Lắk")]
    [InlineData("Đăk Lăk")]
    [InlineData("  Đắk   Lắk ")]
    public void spellings_of_dak_lak_fold_equal(string input)
    {
        VietnameseText.Fold(input).ShouldBe("dak lak");
        VietnameseText.Fold(input.Normalize(NormalizationForm.FormD)).ShouldBe("dak lak");
    }

    [Theory]
    [InlineData("Thành phố Hồ Chí Minh", "thanh pho ho chi minh")]
    [InlineData("Ưng Hoàng Phúc", "ung hoang phuc")]
    [InlineData("Ơn Nghĩa Ấm", "on nghia am")]
    [InlineData("Y Kông Ayŭn", "y kong ayun")]
    [InlineData("H'Hen Êban", "h'hen eban")]
    [InlineData("ĐỒNG THÁP", "dong thap")]
    [InlineData("Ðồng Tháp", "dong thap")] // U+00D0 look-alike of Đ
    public void folding_removes_diacritics_maps_d_bar_and_lower_cases(string input, string expected)
    {
        VietnameseText.Fold(input).ShouldBe(expected);
    }

    [Fact]
    public void folding_does_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            VietnameseText.Fold("KIÊN GIANG").ShouldBe("kien giang");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void nfc_text_is_recognised()
    {
        VietnameseText.IsNfc("Quỹ hỗ trợ phát triển hợp tác xã").ShouldBeTrue();
        VietnameseText.IsNfc("Quỹ".Normalize(NormalizationForm.FormD)).ShouldBeFalse();
        VietnameseText.IsNfc("").ShouldBeTrue();
    }
}

/// <summary>Strings of any UTF-16 code units, weighted towards the troublesome ones.</summary>
public static class AnyUtf16
{
    private static readonly char[] Troublesome =
        "aĐắk Lệ\t\n\r \u00A0\u0301\u0302\u0303\u200B\u200E\uFEFF\u0000\u0007\u007F\u0085\uD800\uDBFF\uDC00\uDFFF\uD83F\uDFFE\uFDD0\uFDEF\uFFFE\uFFFF\uFFFD".ToCharArray();

    public static Arbitrary<string> Strings() =>
        Gen.OneOf(Gen.Elements(Troublesome), Gen.Choose(0, 0xFFFF).Select(i => (char)i))
            .ArrayOf().Select(chars => new string(chars)).ToArbitrary();
}
