using HtxFund.Reference;

namespace HtxFund.Tests.Reference;

public class validating_a_tax_code
{
    [Theory]
    [InlineData("0100109106")] // Viettel
    [InlineData("0100112437")] // Vietcombank
    [InlineData("0101248141")] // FPT
    [InlineData("0300588569")] // Vinamilk
    public void a_published_code_is_accepted(string code)
    {
        var check = TaxCode.Validate(code);

        check.IsValid.ShouldBeTrue();
        check.Normalised.ShouldBe(code);
        check.ErrorCode.ShouldBeNull();
        check.Message.ShouldBeNull();
        check.IsDependentUnit.ShouldBeFalse();
        check.HeadOfficeCode.ShouldBe(code);
    }

    [Theory]
    [InlineData("0100109106-001")]
    [InlineData("0100112437-999")]
    [InlineData("0101248141-042")]
    public void a_dependent_unit_code_is_accepted(string code)
    {
        var check = TaxCode.Validate(code);

        check.IsValid.ShouldBeTrue();
        check.IsDependentUnit.ShouldBeTrue();
        check.HeadOfficeCode.ShouldBe(code[..10]);
    }

    [Theory]
    [InlineData(" 0100109106 ", "0100109106")]
    [InlineData("0100 109 106", "0100109106")]
    [InlineData("\t0100109106-001\n", "0100109106-001")]
    [InlineData("0100\u00A0109106", "0100109106")]
    [InlineData("0100109106\u200B", "0100109106")]
    public void whitespace_and_invisible_characters_are_removed(string input, string normalised)
    {
        var check = TaxCode.Validate(input);

        check.IsValid.ShouldBeTrue();
        check.Normalised.ShouldBe(normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_missing_code_is_required(string? input)
    {
        var check = TaxCode.Validate(input);

        check.IsValid.ShouldBeFalse();
        check.ErrorCode.ShouldBe("tax_code.required");
        check.Normalised.ShouldBeNull();
        check.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("010010910")]
    [InlineData("01001091066")]
    [InlineData("01001O9106")]
    [InlineData("0100109106-01")]
    [InlineData("0100109106-0001")]
    [InlineData("0100109106_001")]
    [InlineData("0100109106001")]
    [InlineData("0100109106–001")] // en dash
    [InlineData("０１００１０９１０６")] // full-width digits
    [InlineData("MST0100109106")]
    public void a_code_of_the_wrong_shape_is_refused_as_format(string input)
    {
        var check = TaxCode.Validate(input);

        check.IsValid.ShouldBeFalse();
        check.ErrorCode.ShouldBe("tax_code.format");
        check.Message.ShouldNotBeNull().ShouldContain("10 chữ số");
    }

    [Theory]
    [InlineData("0100109107")]
    [InlineData("0100112436")]
    [InlineData("0300588568")]
    [InlineData("0100109105-001")]
    public void a_code_with_a_wrong_check_digit_is_refused(string input)
    {
        var check = TaxCode.Validate(input);

        check.IsValid.ShouldBeFalse();
        check.ErrorCode.ShouldBe("tax_code.check_digit");
        check.Normalised.ShouldBe(input);
        check.Message.ShouldNotBeNull().ShouldContain("chữ số kiểm tra");
    }

    [Fact]
    public void a_prefix_whose_check_value_is_10_has_no_valid_code()
    {
        // 31·6 + 29·0 + 23·9 + 19·9 + 17·0 + 13·0 + 7·0 + 5·1 + 3·1 = 572 = 52·11.
        for (var last = 0; last <= 9; last++)
        {
            TaxCode.Validate($"609900011{last}").ErrorCode.ShouldBe("tax_code.check_digit");
        }

        Should.Throw<ArgumentException>(() => TaxCode.ComputeCheckDigit("609900011"));
        Should.Throw<ArgumentException>(() => TaxCode.Generate("609900011"));
    }

    [Fact]
    public void a_branch_suffix_of_000_is_refused()
    {
        var check = TaxCode.Validate("0100109106-000");

        check.IsValid.ShouldBeFalse();
        check.ErrorCode.ShouldBe("tax_code.branch_suffix");
        check.Message.ShouldNotBeNull().ShouldContain("001 đến 999");
    }

    [Fact]
    public void the_check_digit_of_published_codes_is_computed()
    {
        TaxCode.ComputeCheckDigit("010010910").ShouldBe("6");
        TaxCode.ComputeCheckDigit("010011243").ShouldBe("7");
        TaxCode.Generate("010124814").ShouldBe("0101248141");
    }

    [Theory]
    [InlineData("01001091")]
    [InlineData("0100109106")]
    [InlineData("01001091a")]
    [InlineData("")]
    public void computing_a_check_digit_needs_exactly_nine_digits(string first9)
    {
        Should.Throw<ArgumentException>(() => TaxCode.ComputeCheckDigit(first9));
    }

    [Fact]
    public void every_generated_code_is_valid_and_about_one_prefix_in_eleven_has_none()
    {
        var refused = 0;
        for (var serial = 0; serial < 1100; serial++)
        {
            var first9 = $"58{serial * 6151 % 10_000_000:0000000}";
            try
            {
                TaxCode.Validate(TaxCode.Generate(first9)).IsValid.ShouldBeTrue();
            }
            catch (ArgumentException)
            {
                refused++;
            }
        }

        refused.ShouldBeInRange(60, 140);
    }

    [Fact]
    public void a_branch_code_is_built_from_a_head_office_code()
    {
        TaxCode.Branch("0100109106", 1).ShouldBe("0100109106-001");
        TaxCode.Branch("0100109106", 999).ShouldBe("0100109106-999");
        Should.Throw<ArgumentOutOfRangeException>(() => TaxCode.Branch("0100109106", 0));
        Should.Throw<ArgumentException>(() => TaxCode.Branch("0100109107", 1));
    }
}
