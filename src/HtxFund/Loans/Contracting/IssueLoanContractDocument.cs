using HtxFund.Identity;
using HtxFund.Policy;
using JasperFx.Core;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Loans.Contracting;

/// <summary>Render and store the contract PDF of the loan signed by <paramref name="SignedBy"/>: cascaded by
/// <see cref="SignContractEndpoint"/> and handled after the signing committed, from Wolverine's durable local queue.</summary>
public sealed record IssueLoanContractDocument(Guid LoanId, Actor SignedBy);

/// <summary>
/// The contract PDF issued for a loan (document id: the loan's id), stored with the file in one transaction. It is a
/// document beside the loan, not an event of its stream: issued in the background after the signing, an event would
/// move the loan's version under the client that just signed (its next command, sent with the version it was given,
/// would be refused as stale). Contracts issued before this document existed are named by their
/// <see cref="LoanContractDocumentIssued"/> event (the loan view's <c>contractFileId</c> reads either).
/// </summary>
public sealed record LoanContractDocument(Guid Id, Guid FileId, string FileName, string Sha256, Instant IssuedAt);

public static class IssueLoanContractDocumentHandler
{
    /// <summary>Two deliveries of the message at once (a redelivery after a crash) both try to insert the document; the
    /// second fails on its key and, tried again, finds the contract issued.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<JasperFx.DocumentAlreadyExistsException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds());

    /// <summary>Renders the contract with the policy version it records and stores the PDF and its
    /// <see cref="LoanContractDocument"/>, and tells the cooperative that its contract is ready (a notice sent with the
    /// document's commit). A message delivered again once the document is issued (the process stopped between the
    /// commit and the acknowledgement) issues nothing.</summary>
    public static async Task<Wolverine.OutgoingMessages> Handle(IssueLoanContractDocument command, IDocumentSession session, ContractDocumentService documents, Instant now,
        CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var loanRead = batch.Load<Loan>(command.LoanId);
        var issuedRead = batch.Load<LoanContractDocument>(command.LoanId);
        await batch.Execute(ct);
        if (await loanRead is not { Contract: { } contract } loan || await issuedRead is not null) return [];
        var policy = (await FundPolicies.VersionAsync(session, contract.PolicyVersion, ct)).ToLendingPolicy();
        var file = await documents.IssueAsync(session, loan, command.SignedBy, policy, now, ct);
        session.Insert(new LoanContractDocument(loan.Id, file.Id, file.FileName, file.Sha256, now));
        return [Notices.Producing.ContractNotice.Ready(session.TenantId, loan, contract, file.Id)];
    }
}
