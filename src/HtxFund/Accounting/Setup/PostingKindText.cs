using HtxFund.Lending.Accounting;

namespace HtxFund.Accounting.Setup;

/// <summary>Vietnamese names of the kinds of movement the journal posts and of the kinds of account (the setup's page and
/// its refusals).</summary>
public static class PostingKindText
{
    public static string Name(PostingKind kind) => kind switch
    {
        PostingKind.CharterCapitalContribution => "Nhận vốn điều lệ",
        PostingKind.CharterCapitalWithdrawal => "Rút vốn điều lệ",
        PostingKind.GrantReceived => "Nhận vốn tài trợ, viện trợ",
        PostingKind.GrantRepaid => "Hoàn trả vốn tài trợ, viện trợ",
        PostingKind.EntrustedCapitalReceived => "Nhận vốn ủy thác cho vay",
        PostingKind.EntrustedCapitalRepaid => "Hoàn trả vốn ủy thác",
        PostingKind.BorrowingReceived => "Nhận tiền đi vay",
        PostingKind.BorrowingRepaid => "Trả nợ tiền đi vay",
        PostingKind.DevelopmentInvestmentFundReceived => "Bổ sung quỹ đầu tư phát triển",
        PostingKind.DevelopmentInvestmentFundRepaid => "Giảm quỹ đầu tư phát triển",
        PostingKind.OtherCapitalReceived => "Nhận nguồn vốn khác",
        PostingKind.OtherCapitalRepaid => "Hoàn trả nguồn vốn khác",
        PostingKind.Disbursement => "Giải ngân cho vay",
        PostingKind.PrincipalRepaid => "Thu nợ gốc đến hạn, quá hạn",
        PostingKind.PrincipalPrepaid => "Thu nợ gốc trả trước hạn",
        PostingKind.InterestReceived => "Thu lãi cho vay",
        PostingKind.PenaltyInterestReceived => "Thu lãi phạt chậm trả",
        PostingKind.RefundableExcessReceived => "Thu thừa phải trả lại khách vay",
        PostingKind.InterestAccrued => "Trích lãi dự thu",
        PostingKind.InterestAccrualReversed => "Thoái thu lãi dự thu",
        PostingKind.PenaltyInterestAccrued => "Trích lãi phạt dự thu",
        PostingKind.PenaltyInterestAccrualReversed => "Thoái thu lãi phạt dự thu",
        PostingKind.OffBalanceInterestIncreased => "Tăng lãi chưa thu theo dõi ngoại bảng",
        PostingKind.OffBalanceInterestDecreased => "Giảm lãi chưa thu theo dõi ngoại bảng",
        PostingKind.ProvisionCharged => "Trích lập dự phòng rủi ro",
        PostingKind.ProvisionReleased => "Hoàn nhập dự phòng rủi ro",
        PostingKind.ProvisionUsed => "Sử dụng dự phòng xử lý rủi ro",
        PostingKind.PrincipalChargedToExpense => "Nợ gốc xử lý vào chi phí",
        PostingKind.PrincipalOffBalanceIn => "Nợ gốc đã xử lý đưa ra ngoại bảng",
        PostingKind.PrincipalOffBalanceOut => "Nợ gốc đã xử lý ra khỏi ngoại bảng",
        PostingKind.RecoveryReceived => "Thu hồi nợ đã xử lý",
        _ => kind.ToString(),
    };

    public static string Name(AccountKind kind) => kind switch
    {
        AccountKind.Asset => "Tài sản của quỹ",
        AccountKind.ContraAsset => "Điều chỉnh giảm tài sản",
        AccountKind.Liability => "Nợ phải trả",
        AccountKind.Equity => "Vốn chủ sở hữu",
        AccountKind.Income => "Doanh thu, thu nhập",
        AccountKind.Expense => "Chi phí",
        AccountKind.OffBalance => "Ngoài bảng",
        _ => kind.ToString(),
    };
}
