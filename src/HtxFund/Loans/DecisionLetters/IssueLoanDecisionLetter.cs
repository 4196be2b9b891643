using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Documents;
using HtxFund.Documents.Letters;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans.Restructuring;
using HtxFund.Loans.Waiving;
using HtxFund.Policy;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Loans.DecisionLetters;

/// <summary>Issue the decision letter of the approved restructuring or interest waiver <paramref name="DecisionId"/> of
/// loan <paramref name="LoanId"/>: cascaded by the approval, written to Wolverine's outbox in its transaction and handled
/// from the durable local queue once it has committed.</summary>
public sealed record IssueLoanDecisionLetter(Guid LoanId, Guid DecisionId, Actor DecidedBy, LocalDate DecidedOn);

/// <summary>
/// Renders the letter (<see cref="LoanDecisionLetter"/>) and stores it with <see cref="LoanDecisionLetterIssued"/> on the
/// loan's stream, numbered in the fund's register of restructuring and waiver decisions (<c>3/QĐ-CCN</c>), in one
/// transaction after the approval committed: the approval never waits for, nor fails with, its letter. Retried like the
/// application decision letters (<see cref="IssueDecisionLetterHandler.RetryDelays"/>); a letter already issued ends the
/// message without a second one. The letterhead comes from the fund and configuration; the signer is the one who decided,
/// under the title of their authority (Chairman, Director, or on behalf of the Risk Council).
/// </summary>
public static class IssueLoanDecisionLetterHandler
{
    public static readonly Register Decisions = new("loan_restructuring_decision", "Quyết định cơ cấu lại nợ, miễn giảm lãi", (_, n) => $"{n}/QĐ-CCN",
        "select null::bigint where ?::text is not null and ?::int is not null");

    public static void Configure(HandlerChain chain) => chain.OnAnyException().ScheduleRetryIndefinitely(IssueDecisionLetterHandler.RetryDelays);

    public static async Task<(Events, IEnumerable<IMartenOp>)> Handle(IssueLoanDecisionLetter message,
        [WriteAggregate(nameof(IssueLoanDecisionLetter.LoanId), Required = false)] Loan? loan,
        IDocumentSession session, IConfiguration configuration, Instant now, CancellationToken ct)
    {
        if (loan is null || loan.DecisionLetters.Contains(message.DecisionId) || loan.Contract is null) return ([], []);
        var restructuring = loan.RestructuringOf(message.DecisionId) is { State: RestructuringState.Approved } r ? r : null;
        var waiver = loan.WaiverOf(message.DecisionId) is { State: WaiverState.Approved } w ? w : null;
        if (restructuring is null && waiver is null) return ([], []);

        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        var cooperative = await session.LoadAsync<CooperativeDetails>(loan.CooperativeId, ct);
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var place = fund?.ProvinceName ?? cooperative?.Province ?? "Việt Nam";
        var user = await session.LoadAsync<UserAccount>(message.DecidedBy.UserId, ct);
        var number = await Registers.NextAsync(session, Decisions, message.DecidedOn.Year, ct);
        var data = new LoanDecisionLetterData
        {
            Fund = FundLetterheads.Resolve(configuration, fund, session.TenantId, place),
            DocumentNumber = number,
            Place = place,
            Date = message.DecidedOn,
            BorrowerName = loan.BorrowerName,
            ContractNumber = loan.Contract.ContractNumber,
            EffectiveDate = restructuring?.Date ?? waiver!.Date,
            Reason = restructuring?.Reason ?? waiver!.Reason,
            Restructuring = restructuring is null ? null : Terms(RestructuringPreview.Of(loan, restructuring, policy)),
            Waiver = waiver is null ? null : Terms(WaiverPreview.Of(loan, waiver, policy)),
            Signer = Signer(message.DecidedBy, user?.DisplayName ?? message.DecidedBy.UserName, Fund.NameOf(fund)),
            CreatedAt = now,
            FontFolder = PdfDocumentOptions.FontFolderOf(configuration),
        };
        var pdf = LoanDecisionLetter.Render(data);
        var kind = restructuring is not null ? "quyet-dinh-co-cau-lai-no" : "quyet-dinh-mien-giam-lai";
        var upload = FileUpload.FromBytes($"{kind}-{number.Split('/')[0]}-{message.DecidedOn.Year}.pdf", pdf,
            new FileLimits(Math.Max(FileLimits.DefaultMaxBytes, pdf.LongLength)));
        if (!upload.IsAccepted) throw new InvalidOperationException($"The rendered letter was refused by the file store: {upload.Refusal}");
        var file = FileStore.Prepare(upload.Upload, $"loan:{loan.Id}", message.DecidedBy, now);
        var stored = file.Ref;
        return ([new LoanDecisionLetterIssued(loan.Id, message.DecisionId, number, stored.Id, stored.FileName, stored.Sha256, now)], file.Operations());
    }

    private static RestructuringTerms Terms(RestructuringPreview p) => new(
        GettingDetails.LoanDetailsProjection.KindName(p.Kind), Money.Of(p.PrincipalRestructured), p.FinalDueDateBefore, p.FinalDueDate,
        p.Schedule.Select(i => new DecisionScheduleRow(i.Number, i.DueDate, Money.Of(i.Principal), Money.Of(i.Interest), Money.Of(i.Total),
            Money.Of(i.BalanceAfter))).ToArray());

    private static WaiverTerms Terms(WaiverPreview p) => new(Money.Of(p.Amount), GettingDetails.LoanDetailsProjection.GroundName(p.Ground),
    [
        new("Lãi trên lãi chậm trả", Money.Of(p.Before.InterestOnLateInterest), Money.Of(p.After.InterestOnLateInterest)),
        new("Lãi trên nợ gốc quá hạn", Money.Of(p.Before.InterestOnOverduePrincipal), Money.Of(p.After.InterestOnOverduePrincipal)),
        new("Lãi quá hạn chưa trả", Money.Of(p.Before.InterestOverdue), Money.Of(p.After.InterestOverdue)),
        new("Lãi đến hạn", Money.Of(p.Before.InterestDue), Money.Of(p.After.InterestDue)),
        new("Lãi dự thu", Money.Of(p.Before.InterestAccrued), Money.Of(p.After.InterestAccrued)),
        new("Nợ gốc", Money.Of(p.Before.Principal), Money.Of(p.After.Principal)),
        new("Tổng số tiền tất toán", Money.Of(p.Before.Payoff), Money.Of(p.After.Payoff)),
    ]);

    /// <summary>The signer: the Chairman ("CHỦ TỊCH"), the Director ("GIÁM ĐỐC"), or for the Risk Council "TM. HỘI ĐỒNG XỬ LÝ
    /// RỦI RO / CHỦ TRÌ", by the highest authority of the one who decided, named.</summary>
    public static DecisionSigner Signer(Actor decider, string name, string fundName) =>
        decider.Roles.Contains(Roles.Chairman) ? new DecisionSigner("CHỦ TỊCH", name, $"CHỦ TỊCH {fundName.ToUpperInvariant()}")
        : decider.Roles.Contains(Roles.Director) ? new DecisionSigner("GIÁM ĐỐC", name, $"GIÁM ĐỐC {fundName.ToUpperInvariant()}")
        : new DecisionSigner("TM. HỘI ĐỒNG XỬ LÝ RỦI RO\nCHỦ TRÌ", name, $"HỘI ĐỒNG XỬ LÝ RỦI RO {fundName.ToUpperInvariant()}");
}
