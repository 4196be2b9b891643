using HtxFund.Lending.Accounting;

namespace HtxFund.Accounting.Setup;

/// <summary>Vietnamese names of the kinds of movement the journal posts and of the kinds of account (the setup's page and
/// its refusals).</summary>
public static class PostingKindText
{
    /// <summary>The name of a kind of movement: the journal's own (<see cref="Journal.JournalText.Of"/>).</summary>
    public static string Name(PostingKind kind) => Journal.JournalText.Of(kind);

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
