using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Documents.Letters;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Loans.Contracting;
using HtxFund.Tests.Documents;
using Microsoft.Extensions.Configuration;

namespace HtxFund.Tests.Funds;

/// <summary>Who signs the fund's papers: the office holders configured per fund
/// (<c>HtxFund:Letterheads:{fund}:Chairman</c> and <c>:Director</c>), and what is printed when one is not configured.</summary>
public sealed class choosing_who_signs_for_the_fund
{
    private static readonly FundOfficeHolders None = new(null, null);

    [Fact]
    public void without_a_configured_chair_a_board_decision_names_no_member_and_without_a_director_it_names_the_deciding_director()
    {
        var board = DecisionLetterService.SignerFor(None, Decider.Board, "Người bỏ phiếu cuối", "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk");
        board.Title.Split('\n').ShouldBe(["TM. HỘI ĐỒNG QUẢN LÝ", "CHỦ TỊCH"]);
        board.Name.ShouldBeEmpty();
        board.Authority.ShouldBe("HỘI ĐỒNG QUẢN LÝ QUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ TỈNH ĐẮK LẮK");

        var director = DecisionLetterService.SignerFor(None, Decider.Director, "Lê Quang Minh", "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk");
        director.Title.ShouldBe("GIÁM ĐỐC");
        director.Name.ShouldBe("Lê Quang Minh");
    }

    [Fact]
    public void configured_office_holders_sign_whoever_took_the_decision()
    {
        var holders = new FundOfficeHolders("Trần Đình Khoa", "Lê Quang Minh");

        DecisionLetterService.SignerFor(holders, Decider.Board, "Người bỏ phiếu cuối", "Quỹ").Name.ShouldBe("Trần Đình Khoa");
        DecisionLetterService.SignerFor(holders, Decider.Director, "Phó giám đốc được giao", "Quỹ").Name.ShouldBe("Lê Quang Minh");
    }

    [Fact]
    public void the_lender_is_represented_by_the_director_never_by_the_credit_officer_who_records_the_contract()
    {
        var officer = new Actor(Guid.NewGuid(), "daklak.credit", [Roles.CreditOfficer]);
        var director = new Actor(Guid.NewGuid(), "daklak.director", [Roles.Director]);

        ContractDocumentService.LenderRepresentative(new FundOfficeHolders(null, "Lê Quang Minh"), officer, "Nguyễn Thị Thu Trang").ShouldBe("Lê Quang Minh");
        ContractDocumentService.LenderRepresentative(None, officer, "Nguyễn Thị Thu Trang").ShouldBeEmpty();
        ContractDocumentService.LenderRepresentative(None, director, "Lê Quang Minh").ShouldBe("Lê Quang Minh");
    }

    [Fact]
    public void blank_office_holders_count_as_not_configured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HtxFund:Letterheads:quytest:Chairman"] = "  ",
            ["HtxFund:Letterheads:quytest:Director"] = " Lê  Quang Minh ",
        }).Build();

        FundLetterheads.OfficeHolders(configuration, "quytest").ShouldBe(new FundOfficeHolders(null, "Lê Quang Minh"));
        FundLetterheads.OfficeHolders(configuration, "khac").ShouldBe(None);
    }

    [Fact]
    public void the_recipients_of_a_decision_follow_its_articles_and_a_notice_names_its_addressee()
    {
        DecisionLetter.Recipients(DecisionLetterSamples.Approval() with { Recipients = ["Lưu: VT."] }).ShouldBe(["Như Điều 5;", "Lưu: VT."]);
        DecisionLetter.Recipients(DecisionLetterSamples.Rejection() with { Recipients = ["Lưu: VT."] }).ShouldBe(["Như trên;", "Lưu: VT."]);
    }
}
