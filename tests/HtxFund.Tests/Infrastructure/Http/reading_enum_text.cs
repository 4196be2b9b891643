using HtxFund.Cooperatives;
using HtxFund.Infrastructure.Http;

namespace HtxFund.Tests.Infrastructure.Http;

public sealed class reading_enum_text
{
    [Theory]
    [InlineData("HopTacXa", CooperativeType.HopTacXa)]
    [InlineData("hoptacxa", CooperativeType.HopTacXa)]
    [InlineData("TOHOPTAC", CooperativeType.ToHopTac)]
    public void a_name_is_read_whatever_its_case(string text, CooperativeType expected) =>
        EnumText.Parse<CooperativeType>(text).ShouldBe(expected);

    [Theory]
    [InlineData("1")]
    [InlineData("99")]
    [InlineData("CongTy")]
    [InlineData("HopTacXa,ToHopTac")]
    [InlineData("")]
    [InlineData(null)]
    public void numbers_unknown_names_and_empty_text_read_as_nothing(string? text) =>
        EnumText.Parse<CooperativeType>(text).ShouldBeNull();
}
