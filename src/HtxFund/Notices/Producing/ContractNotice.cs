using HtxFund.Loans;
using HtxFund.Reminders.Notifications;

namespace HtxFund.Notices.Producing;

/// <summary>The contract becomes available to the cooperative when its PDF is issued (a document beside the loan, not an
/// event: <see cref="Loans.Contracting.LoanContractDocument"/>), so the handler that issues it sends this notice with
/// the document's commit. One per loan (the document is issued once), id derived from the loan.</summary>
public static class ContractNotice
{
    public static SendNotice Ready(string fundId, Loan loan, ContractTerms contract, Guid fileId) =>
        new(fundId, NoticeKeys.Of(loan.Id, "contract-ready"), NoticeKind.ContractReadyToSign, NoticeAudience.ToCooperative(loan.CooperativeId),
            $"Hợp đồng tín dụng số {contract.ContractNumber} đã sẵn sàng",
            $"Hợp đồng tín dụng số {contract.ContractNumber} của {loan.BorrowerName} đã được lập; mời hợp tác xã xem, ký và gửi lại cho Quỹ. Bản hợp đồng gửi kèm.",
            $"/htx/khoan-vay/{loan.Id}", fileId);
}
