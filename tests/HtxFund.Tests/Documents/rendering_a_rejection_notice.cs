using HtxFund.Documents.Letters;

namespace HtxFund.Tests.Documents;

public class rendering_a_rejection_notice
{
    private static readonly Lazy<string> Text = new(() => PdfTools.Text(DecisionLetter.Render(DecisionLetterSamples.Rejection())));

    [Fact]
    public void the_notice_gives_its_reasons_to_the_borrower()
    {
        Text.Value.ShouldContain("THÔNG BÁO");
        Text.Value.ShouldContain("Về việc từ chối cho vay");
        Text.Value.ShouldContain("Kính gửi: Hợp tác xã Nông nghiệp Ê-đê Buôn Đôn");
        Text.Value.ShouldContain("Số: 16/TB-QHTX");
        Text.Value.ShouldContain("1. Vốn chủ sở hữu tham gia dự án thấp hơn 20 % tổng mức đầu tư.");
        Text.Value.ShouldContain("2. Tổng dư nợ của khách hàng vượt 15 % vốn điều lệ thực có của Quỹ.");
        Text.Value.ShouldContain("HS-2026-00042 ngày 05/10/2026");
        Text.Value.ShouldContain("Đắk Lắk, ngày 22 tháng 11 năm 2026");
        Text.Value.ShouldContain("Trần Văn Hùng");
    }

    [Fact]
    public void the_notice_has_no_loan_terms_or_schedule()
    {
        Text.Value.ShouldNotContain("QUYẾT ĐỊNH");
        Text.Value.ShouldNotContain("Ngày đến hạn");
        Text.Value.ShouldNotContain("Bằng chữ");
        Text.Value.ShouldContain("Trang 1/1");
    }

    [Fact]
    public void the_notice_has_its_own_recipients_and_refers_to_no_article()
    {
        Text.Value.ShouldContain("Nơi nhận:");
        Text.Value.ShouldContain("- Như trên;");
        Text.Value.ShouldContain("- Lưu: VT, NVTD.");
        System.Text.RegularExpressions.Regex.IsMatch(Text.Value, @"Điều \d").ShouldBeFalse();
    }

    [Fact]
    public void a_rejection_without_reasons_is_refused()
    {
        var data = DecisionLetterSamples.Rejection() with { RejectionReasons = [] };
        Should.Throw<ArgumentException>(() => DecisionLetter.Render(data)).Message.ShouldContain("reason");
    }
}
