using System.Security.Claims;
using HtxFund.Documents.Letters;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Loans.WritingOff;

/// <summary>Issue the PDF of the decision on risk-handling proposal <paramref name="ProposalId"/> of loan <paramref name="LoanId"/>:
/// cascaded by the decision, written to Wolverine's outbox in its transaction and handled once it has committed.</summary>
public sealed record IssueRiskDecisionLetter(Guid LoanId, Guid ProposalId);

/// <summary>Renders the decision (<see cref="RiskDecisionLetter"/>) and stores it with <see cref="RiskDecisionLetterIssued"/> on
/// the loan's stream, after the decision committed (retried as the application's decision letters are, never dropped).
/// Idempotent: a letter already issued, or a proposal not decided, ends the message with nothing written. The signer is the
/// configured Chairman (<c>HtxFund:Letterheads:{fundId}:Chairman</c>), else the person who decided.</summary>
public static class IssueRiskDecisionLetterHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().ScheduleRetryIndefinitely(Applications.Deciding.IssueDecisionLetterHandler.RetryDelays);

    public static async Task<(Events, IEnumerable<IMartenOp>)> Handle(IssueRiskDecisionLetter message,
        [WriteAggregate(nameof(IssueRiskDecisionLetter.LoanId), Required = false)] Loan? loan, IDocumentSession session, IConfiguration configuration,
        Instant now, CancellationToken ct)
    {
        if (loan?.RiskProposalOf(message.ProposalId) is not { State: RiskProposalState.Decided, LetterFileId: null, DecidedBy: { } by, Approval: { } approval } proposal)
            return ([], []);
        var details = await session.LoadAsync<LoanDetails>(loan.Id, ct);
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var user = await session.LoadAsync<UserAccount>(by.UserId, ct);
        var holders = FundLetterheads.OfficeHolders(configuration, session.TenantId);
        var place = fund?.ProvinceName ?? "";
        var contract = loan.Contract?.ContractNumber ?? "";
        var writeOff = proposal.Step == RiskHandlingStep.WriteOffFromBooks;
        var data = new RiskDecisionLetterData
        {
            Fund = FundLetterheads.Resolve(configuration, fund, session.TenantId, place),
            Place = place,
            Date = proposal.DecidedOn!.Value,
            WriteOffFromBooks = writeOff,
            BorrowerName = details?.BorrowerName is { Length: > 0 } name ? name : loan.BorrowerName,
            ContractNumber = contract,
            Ground = RiskHandlingText.Ground(proposal.Ground),
            Reason = proposal.Reason,
            RecoveryActions = proposal.RecoveryActions,
            Principal = Money.Of(loan.PrincipalOffBalance),
            ProvisionsUsed = Money.Of(loan.ProvisionsUsed),
            ChargedToExpense = Money.Of(loan.ChargedToExpense),
            OffBalanceSince = loan.OffBalanceSince,
            ApprovalNumber = approval.Number,
            ApprovalDate = approval.Date,
            ApprovingBody = approval.IssuingBody,
            Signer = new DecisionSigner("CHỦ TỊCH", holders.Chairman ?? user?.DisplayName ?? by.UserName, $"CHỦ TỊCH {Fund.NameOf(fund).ToUpperInvariant()}"),
            CreatedAt = now,
            FontFolder = Documents.PdfDocumentOptions.FontFolderOf(configuration),
        };
        var pdf = RiskDecisionLetter.Render(data);
        var fileName = $"quyet-dinh-xu-ly-rui-ro-{(writeOff ? "xuat-toan" : "su-dung-du-phong")}-{proposal.DecidedOn:yyyyMMdd}.pdf";
        var upload = FileUpload.FromBytes(fileName, pdf, new FileLimits(Math.Max(FileLimits.DefaultMaxBytes, pdf.LongLength)));
        if (!upload.IsAccepted) throw new InvalidOperationException($"The rendered decision was refused by the file store: {upload.Refusal}");
        var file = FileStore.Prepare(upload.Upload, $"loan:{loan.Id}", by, now);
        return ([new RiskDecisionLetterIssued(loan.Id, proposal.ProposalId, file.Ref.Id, file.Ref.FileName, file.Ref.Sha256, now)], file.Operations());
    }
}

public static class GetRiskDecisionLetterEndpoint
{
    /// <summary>Downloads the PDF of the decision on a risk-handling proposal (Quyết định xử lý rủi ro). It is issued just
    /// after the decision commits: until then 404 <c>risk_decision_letter.pending</c> (ask again shortly).</summary>
    [Authorize(Roles = RiskHandlingText.ReaderRoles)]
    [WolverineGet("/api/loans/{id}/risk-handling/{proposalId}/letter", OperationId = "downloadRiskDecisionLetter")]
    [Tags("Xử lý rủi ro")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, Guid proposalId, IQuerySession session, CancellationToken ct)
    {
        var loan = await session.LoadAsync<Loan>(id, ct);
        if (loan?.RiskProposalOf(proposalId) is not { State: RiskProposalState.Decided } proposal)
            return Results.Problem(Problems.NotFound("risk_decision_letter.not_found", "Đề xuất xử lý rủi ro này chưa có quyết định."));
        if (proposal.LetterFileId is not { } fileId)
            return Results.Problem(Problems.NotFound("risk_decision_letter.pending", "Quyết định xử lý rủi ro đang được lập; vui lòng tải lại sau ít phút."));
        return await FileStore.LoadAsync(session, fileId, ct) is { } loaded ? FileStore.Download(loaded)
            : Results.Problem(Problems.NotFound("document.not_found", "Không tìm thấy tài liệu."));
    }
}
