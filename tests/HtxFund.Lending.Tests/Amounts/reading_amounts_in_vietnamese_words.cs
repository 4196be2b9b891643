namespace HtxFund.Lending.Tests.Amounts;

public class reading_amounts_in_vietnamese_words
{
    [Theory]
    [InlineData(1_500_000_000, "Một tỷ năm trăm triệu đồng")]
    [InlineData(0, "Không đồng")]
    [InlineData(5, "Năm đồng")]
    [InlineData(10, "Mười đồng")]
    [InlineData(11, "Mười một đồng")]
    [InlineData(14, "Mười bốn đồng")]
    [InlineData(15, "Mười lăm đồng")]
    [InlineData(20, "Hai mươi đồng")]
    [InlineData(21, "Hai mươi mốt đồng")]
    [InlineData(24, "Hai mươi tư đồng")]
    [InlineData(25, "Hai mươi lăm đồng")]
    [InlineData(101, "Một trăm linh một đồng")]
    [InlineData(104, "Một trăm linh bốn đồng")]
    [InlineData(105, "Một trăm linh năm đồng")]
    [InlineData(110, "Một trăm mười đồng")]
    [InlineData(2_001, "Hai nghìn không trăm linh một đồng")]
    [InlineData(215_000, "Hai trăm mười lăm nghìn đồng")]
    [InlineData(1_000_005, "Một triệu không trăm linh năm đồng")]
    [InlineData(35_000_000, "Ba mươi lăm triệu đồng")]
    [InlineData(500_000_000, "Năm trăm triệu đồng")]
    [InlineData(16_666_686, "Mười sáu triệu sáu trăm sáu mươi sáu nghìn sáu trăm tám mươi sáu đồng")]
    [InlineData(2_000_050_000, "Hai tỷ không trăm năm mươi nghìn đồng")]
    [InlineData(1_000_000_000_000, "Một nghìn tỷ đồng")]
    [InlineData(22_500_000_000, "Hai mươi hai tỷ năm trăm triệu đồng")]
    public void amounts_read_as_written_on_a_decision_letter(long dong, string expected)
    {
        Money.Of(dong).ToVietnameseWords().ShouldBe(expected);
    }

    [Fact]
    public void the_southern_le_can_replace_linh()
    {
        Money.Of(105).ToVietnameseWords(ZeroTensWord.Le).ShouldBe("Một trăm lẻ năm đồng");
    }

    [Fact]
    public void negative_amounts_read_with_am()
    {
        VietnameseAmountInWords.ReadNumber(-21).ShouldBe("âm hai mươi mốt");
        VietnameseAmountInWords.ReadNumber(long.MinValue).ShouldStartWith("âm chín tỷ hai trăm hai mươi ba triệu");
    }
}
