using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Documents.Letters;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using NodaTime;

namespace HtxFund.Applications.Deciding;

/// <summary>
/// Renders the decision (Quyết định cho vay) or the refusal notice (Thông báo từ chối) as a Vietnamese PDF, for
/// <see cref="IssueDecisionLetterHandler"/>, which stores it after the decision has committed. The letterhead comes from
/// the fund and configuration (<c>HtxFund:Letterheads:{fundId}:SuperiorBody</c> and <c>:ContactLines</c>); the signer
/// from the configured office holders (<c>:Chairman</c> for the board's decisions, "TM. HỘI ĐỒNG QUẢN LÝ / CHỦ TỊCH";
/// <c>:Director</c> for the Director's, "GIÁM ĐỐC"). An office holder not configured leaves the name blank, to be
/// written by hand, except that a Director's decision then names the Director who took it; a warning is logged.
/// The fonts come from <c>HtxFund:Documents:FontFolder</c> (<see cref="Documents.PdfDocumentOptions.FontFolderOf"/>), read at each letter (fonts installed later are used by the
/// next attempt).
/// </summary>
public sealed class DecisionLetterService(IConfiguration configuration, ILogger<DecisionLetterService> logger)
{
    /// <summary>The letter of <paramref name="decision"/> (a numbered <see cref="LoanApproved"/> or <see cref="LoanRejected"/>)
    /// for the file <paramref name="applicationNumber"/>: its file name and the PDF.</summary>
    public RenderedLetter Render(DecisionLetterSources sources, object decision, string applicationNumber, Instant now)
    {
        var data = Compose(sources, applicationNumber, decision, now);
        var pdf = DecisionLetter.Render(data);
        var kind = data.Kind == DecisionKind.Approval ? "quyet-dinh-cho-vay" : "thong-bao-tu-choi";
        return new RenderedLetter($"{kind}-{data.DocumentNumber.Split('/')[0]}-{data.Date.Year}.pdf", pdf);
    }

    private DecisionLetterData Compose(DecisionLetterSources sources, string applicationNumber, object decision, Instant now)
    {
        var (details, cooperative, fund, fundId, deciderName, policy) = sources;
        var province = ApplicationLetters.Place(fund, cooperative);
        var letterhead = FundLetterheads.Resolve(configuration, fund, fundId, province);
        var (number, date, decider) = decision switch
        {
            LoanApproved a => (a.DecisionNumber, a.BusinessDate, a.DecidedBy),
            LoanRejected r => (r.DecisionNumber, r.BusinessDate, r.DecidedBy),
            _ => throw new ArgumentException($"Not a decision: {decision.GetType().Name}", nameof(decision)),
        };
        var fundName = Fund.NameOf(fund);
        var request = details.Request;

        return new DecisionLetterData
        {
            Fund = letterhead,
            DocumentNumber = number,
            Place = province,
            Date = date,
            Kind = decision is LoanApproved ? DecisionKind.Approval : DecisionKind.Rejection,
            Borrower = ApplicationLetters.Borrower(details, cooperative),
            ApplicationReference = applicationNumber,
            ApplicationDate = details.CompleteFileDate ?? details.CreatedOn,
            Approval = decision is LoanApproved approved ? new ApprovedLoan(
                Money.Of(approved.Terms.Amount), approved.Terms.AnnualRatePercent,
                policy.OverdueRatePercentPerYear(approved.Terms.AnnualRatePercent), policy.OverdueRatePercentOfInTermRate,
                policy.LateInterestRatePercentPerYear, approved.Terms.TermMonths,
                approved.Terms.Method, approved.Terms.Frequency, approved.Terms.GraceMonths, request.Purpose,
                ApplicationLetters.CollateralSummary(request), ApplicationLetters.Schedule(approved.Schedule),
                [
                    "Sử dụng vốn vay đúng mục đích ghi trong hồ sơ đề nghị vay vốn (Nghị định 45/2021, Điều 21).",
                    "Trả nợ gốc và lãi đầy đủ, đúng hạn theo lịch trả nợ kèm theo.",
                    "Không có nợ xấu tại các tổ chức tín dụng tại thời điểm giải ngân lần đầu (Nghị định 45/2021, Điều 22 khoản 6).",
                    "Ký hợp đồng tín dụng và hoàn thiện hồ sơ bảo đảm tiền vay (nếu có) trước khi giải ngân.",
                ]) : null,
            RejectionReasons = decision is LoanRejected rejected ? rejected.Reasons : [],
            Recipients = ["Lưu: VT, Phòng Tín dụng."],
            Signer = Signer(FundLetterheads.OfficeHolders(configuration, fundId), fundId, decider, deciderName, fundName),
            CreatedAt = now,
            FontFolder = Documents.PdfDocumentOptions.FontFolderOf(configuration),
        };
    }

    /// <summary>Who signs a decision: the chair of the board for the board ("TM. HỘI ĐỒNG QUẢN LÝ" over "CHỦ TỊCH"), the
    /// Director for the Director ("GIÁM ĐỐC"), from the configured office holders; the warning when one is missing.</summary>
    private DecisionSigner Signer(FundOfficeHolders holders, string fundId, Decider decider, string deciderName, string fundName)
    {
        if (decider == Decider.Board && holders.Chairman is null)
            logger.LogWarning("No chair of the board configured for fund {Fund} (HtxFund:Letterheads:{Fund}:Chairman): the board's decision is printed without the signer's name",
                fundId, fundId);
        if (decider == Decider.Director && holders.Director is null)
            logger.LogWarning("No Director configured for fund {Fund} (HtxFund:Letterheads:{Fund}:Director): the decision names the Director who took it",
                fundId, fundId);
        return SignerFor(holders, decider, deciderName, fundName);
    }

    /// <summary>
    /// The signer of a decision of <paramref name="decider"/>: for the board, "TM. HỘI ĐỒNG QUẢN LÝ" / "CHỦ TỊCH" and the
    /// configured chair (no name when none is configured: the chair signs and writes it by hand; the board member who cast
    /// the deciding vote is never named as signer); for the Director, "GIÁM ĐỐC" and the configured Director, or, when none
    /// is configured, <paramref name="deciderName"/>, the Director who took the decision.
    /// </summary>
    public static DecisionSigner SignerFor(FundOfficeHolders holders, Decider decider, string deciderName, string fundName) =>
        decider == Decider.Board
            ? new DecisionSigner("TM. HỘI ĐỒNG QUẢN LÝ\nCHỦ TỊCH", holders.Chairman ?? "", $"HỘI ĐỒNG QUẢN LÝ {fundName.ToUpperInvariant()}")
            : new DecisionSigner("GIÁM ĐỐC", holders.Director ?? deciderName, $"GIÁM ĐỐC {fundName.ToUpperInvariant()}");
}
