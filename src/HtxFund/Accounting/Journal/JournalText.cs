using System.Globalization;
using HtxFund.Documents.Formatting;
using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Accounting.Journal;

/// <summary>The journal's Vietnamese texts: voucher prefixes and each line's description (diễn giải).</summary>
public static class JournalText
{
    /// <summary>BC: giấy báo Có (money in), BN: giấy báo Nợ (money out), KT: phiếu kế toán.</summary>
    public static string VoucherPrefix(VoucherKind kind) => kind switch
    {
        VoucherKind.BankCredit => "BC",
        VoucherKind.BankDebit => "BN",
        _ => "KT",
    };

    /// <summary>What a posting of <paramref name="kind"/> is, in a few words.</summary>
    public static string Of(PostingKind kind) => kind switch
    {
        PostingKind.CharterCapitalContribution => "Nhận vốn góp điều lệ",
        PostingKind.CharterCapitalWithdrawal => "Hoàn trả, giảm vốn điều lệ",
        PostingKind.GrantReceived => "Nhận tài trợ, viện trợ",
        PostingKind.GrantRepaid => "Hoàn trả tài trợ, viện trợ",
        PostingKind.EntrustedCapitalReceived => "Nhận vốn ủy thác cho vay",
        PostingKind.EntrustedCapitalRepaid => "Hoàn trả vốn nhận ủy thác",
        PostingKind.BorrowingReceived => "Nhận tiền đi vay, huy động",
        PostingKind.BorrowingRepaid => "Trả nợ đi vay",
        PostingKind.DevelopmentInvestmentFundReceived => "Bổ sung quỹ đầu tư phát triển",
        PostingKind.DevelopmentInvestmentFundRepaid => "Giảm quỹ đầu tư phát triển",
        PostingKind.OtherCapitalReceived => "Nhận vốn từ nguồn hợp pháp khác",
        PostingKind.OtherCapitalRepaid => "Hoàn trả vốn nguồn khác",
        PostingKind.Disbursement => "Giải ngân cho vay",
        PostingKind.PrincipalRepaid => "Thu nợ gốc",
        PostingKind.PrincipalPrepaid => "Thu nợ gốc trả trước hạn",
        PostingKind.InterestReceived => "Thu lãi cho vay",
        PostingKind.PenaltyInterestReceived => "Thu lãi phạt chậm trả",
        PostingKind.RefundableExcessReceived => "Tiền thu thừa phải trả khách vay",
        PostingKind.InterestAccrued => "Dự thu lãi cho vay",
        PostingKind.InterestAccrualReversed => "Thoái thu lãi dự thu",
        PostingKind.PenaltyInterestAccrued => "Dự thu lãi phạt chậm trả",
        PostingKind.PenaltyInterestAccrualReversed => "Thoái thu lãi phạt dự thu",
        PostingKind.OffBalanceInterestIncreased => "Lãi chưa thu theo dõi ngoại bảng tăng",
        PostingKind.OffBalanceInterestDecreased => "Lãi chưa thu theo dõi ngoại bảng giảm",
        PostingKind.ProvisionCharged => "Trích lập dự phòng rủi ro cho vay",
        PostingKind.ProvisionReleased => "Hoàn nhập dự phòng rủi ro cho vay",
        PostingKind.ProvisionUsed => "Sử dụng dự phòng xử lý rủi ro",
        PostingKind.PrincipalChargedToExpense => "Nợ gốc xử lý rủi ro chưa được bù đắp bằng dự phòng, tính vào chi phí",
        PostingKind.PrincipalOffBalanceIn => "Nợ gốc đã xử lý rủi ro chuyển theo dõi ngoại bảng",
        PostingKind.PrincipalOffBalanceOut => "Giảm nợ gốc đã xử lý rủi ro theo dõi ngoại bảng",
        PostingKind.RecoveryReceived => "Thu hồi nợ đã xử lý rủi ro",
        _ => kind.ToString(),
    };

    /// <summary>A line's description: what it posts, of which contract or reference, a reversal and an adjusting entry
    /// saying so.</summary>
    public static string Describe(PostingKind kind, bool isReversal, string? about, LocalDate businessDate, bool isAdjustment)
    {
        var text = Of(kind) + (string.IsNullOrEmpty(about) ? "" : $" ({about})");
        if (isReversal) text = "Đảo bút toán: " + text;
        return isAdjustment ? $"{Adjustment(businessDate)}. {text}" : text;
    }

    /// <summary>"Điều chỉnh: nghiệp vụ ngày dd/MM/yyyy ghi sổ sau khi khoá sổ tháng MM/yyyy".</summary>
    public static string Adjustment(LocalDate businessDate) =>
        $"Điều chỉnh: nghiệp vụ ngày {VietnameseFormat.Date(businessDate)} ghi sổ sau khi khoá sổ tháng {businessDate.ToString("MM'/'yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>A loan's reference in a description: its contract number, or "hợp đồng" when unknown.</summary>
    public static string Contract(string? contractNumber) => $"hợp đồng {contractNumber ?? "chưa ký"}";

    /// <summary>A month (yyyy-MM) as people read it: MM/yyyy.</summary>
    public static string Month(string month) => $"tháng {month[5..]}/{month[..4]}";
}
