using HtxFund.Identity;

namespace HtxFund.Loans.WritingOff;

/// <summary>Vietnamese names of the risk-handling steps, grounds, states and recovery sources, for pages and documents, and
/// the roles that read the risk portal.</summary>
public static class RiskHandlingText
{
    /// <summary>Who reads the risk portal and its documents: the Risk Handling Council, the Chairman, the Director; the
    /// Accountant (who records recoveries) reads the decision too.</summary>
    public const string ReaderRoles = Roles.RiskCouncil + "," + Roles.Chairman + "," + Roles.Director + "," + Roles.BoardMember + "," + Roles.Accountant
        + "," + Roles.ChiefAccountant;

    /// <summary>The risk portal's roles (/rui-ro, the review): the Risk Handling Council, the Chairman, the Director and the
    /// board, who read it; the council proposes and the policy's decider decides from it.</summary>
    public const string PortalRoles = Roles.RiskCouncil + "," + Roles.Chairman + "," + Roles.Director + "," + Roles.BoardMember;

    public static string Step(RiskHandlingStep step) => step switch
    {
        RiskHandlingStep.UseOfProvisions => "Sử dụng dự phòng để xử lý rủi ro",
        RiskHandlingStep.WriteOffFromBooks => "Xuất toán khoản nợ",
        _ => step.ToString(),
    };

    public static string Ground(RiskHandlingGround ground) => ground switch
    {
        RiskHandlingGround.DebtGroup5 => "Nợ nhóm 5 (nợ có khả năng mất vốn)",
        RiskHandlingGround.BorrowerDissolvedOrBankrupt => "Người vay là tổ chức bị giải thể, phá sản",
        RiskHandlingGround.BorrowerDeceasedOrMissing => "Người vay là cá nhân đã chết, mất tích",
        RiskHandlingGround.BorrowerPermanentlyDisabled => "Người vay là cá nhân mất năng lực lao động vĩnh viễn",
        _ => ground.ToString(),
    };

    public static string State(RiskProposalState state) => state switch
    {
        RiskProposalState.Proposed => "Chờ quyết định",
        RiskProposalState.Decided => "Đã quyết định",
        RiskProposalState.Rejected => "Đã từ chối",
        _ => state.ToString(),
    };

    public static string Source(RecoverySource source) => source switch
    {
        RecoverySource.CollateralSale => "Bán tài sản bảo đảm",
        RecoverySource.Guarantor => "Bên bảo lãnh",
        RecoverySource.Borrower => "Người vay",
        _ => source.ToString(),
    };
}
