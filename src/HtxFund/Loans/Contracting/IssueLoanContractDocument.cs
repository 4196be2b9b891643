using HtxFund.Identity;
using HtxFund.Policy;
using JasperFx;
using JasperFx.Core;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Loans.Contracting;

/// <summary>Render and store the contract PDF of the loan signed by <paramref name="SignedBy"/>: cascaded by
/// <see cref="SignContractEndpoint"/> and handled after the signing committed, from Wolverine's durable local queue.</summary>
public sealed record IssueLoanContractDocument(Guid LoanId, Actor SignedBy);

public static class IssueLoanContractDocumentHandler
{
    /// <summary>A command appending to the loan at the same moment makes this append fail on the stream's version: it is
    /// rendered again on the loan as it is then.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    /// <summary>Renders the contract with the policy version it records, stores the PDF and appends
    /// <see cref="LoanContractDocumentIssued"/> in one transaction. A message delivered again once the document is issued
    /// (the process stopped between the commit and the acknowledgement) issues nothing.</summary>
    public static async Task<Events> Handle(IssueLoanContractDocument command, [WriteAggregate] Loan loan, IDocumentSession session,
        ContractDocumentService documents, Instant now, CancellationToken ct)
    {
        if (loan.Contract is not { } contract || loan.ContractFileId is not null) return [];
        var policy = (await FundPolicies.VersionAsync(session, contract.PolicyVersion, ct)).ToLendingPolicy();
        return [await documents.IssueAsync(session, loan, command.SignedBy, policy, now, ct)];
    }
}
