using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Applications.Deciding;

/// <summary>Issue the letter of the decision on application <paramref name="ApplicationId"/>: cascaded by the decision
/// (the Director's, or the board's deciding vote), written to Wolverine's outbox in the decision's own transaction and
/// handled from the durable local queue once it has committed.</summary>
public sealed record IssueDecisionLetter(Guid ApplicationId);

/// <summary>A rendered letter: its file name and the PDF.</summary>
public sealed record RenderedLetter(string FileName, byte[] Pdf);

/// <summary>What a letter says besides the decision: the file as people read it, the borrower, the fund, the name of the
/// one who decided, and the policy the decision was taken under (its overdue and late-interest rates).</summary>
public sealed record DecisionLetterSources(ApplicationDetails Details, CooperativeDetails Cooperative, Fund? Fund, string FundId,
    string DeciderName, LendingPolicy Policy)
{
    /// <summary>The sources of <paramref name="application"/>'s letter, or null when it has no decision or its letter is
    /// already issued (nothing to do).</summary>
    public static async Task<DecisionLetterSources?> LoadAsync(IQuerySession session, LoanApplication? application, CancellationToken ct)
    {
        if (application is not { Decision: { } decision, LetterFileId: null }) return null;
        var details = await session.LoadAsync<ApplicationDetails>(application.Id, ct)
                      ?? throw new InvalidOperationException($"Application {application.Id} has no read model.");
        var cooperative = await session.LoadAsync<CooperativeDetails>(details.CooperativeId, ct)
                          ?? throw new InvalidOperationException($"Cooperative {details.CooperativeId} not found.");
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var decider = LoanApplication.DecidedBy(decision);
        var user = await session.LoadAsync<UserAccount>(decider.UserId, ct);
        var policy = decision is LoanApproved approved
            ? await FundPolicies.VersionAsync(session, approved.PolicyVersion, ct)
            : await FundPolicies.CurrentAsync(session, ct);
        return new DecisionLetterSources(details, cooperative, fund, session.TenantId, user?.DisplayName ?? decider.UserName, policy.ToLendingPolicy());
    }
}

/// <summary>
/// Renders the decision's letter and stores it with <see cref="DecisionLetterIssued"/> on the application's stream, in
/// one transaction after the decision committed (the decision never waits for, nor fails with, its letter). A failure
/// (fonts missing, the database unreachable, the stream moved under it) is retried from the durable inbox after
/// 1 s, 5 s, 30 s, 2 min, 10 min, then every 30 min until it succeeds: the message is never dropped. Issuing is
/// idempotent: a letter already issued, or an application gone, ends the message without a second letter.
/// </summary>
public static class IssueDecisionLetterHandler
{
    public static readonly TimeSpan[] RetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)];

    public static void Configure(HandlerChain chain) => chain.OnAnyException().ScheduleRetryIndefinitely(RetryDelays);

    public static async Task<(Events, IEnumerable<IMartenOp>)> Handle(IssueDecisionLetter message,
        [WriteAggregate(nameof(IssueDecisionLetter.ApplicationId), Required = false)] LoanApplication? application,
        IDocumentSession session, DecisionLetterService letters, Instant now, CancellationToken ct)
    {
        if (await DecisionLetterSources.LoadAsync(session, application, ct) is not { } sources) return ([], []);
        var decision = application!.Decision!;
        var letter = letters.Render(sources, decision, application.Number!, now);
        var upload = FileUpload.FromBytes(letter.FileName, letter.Pdf, new FileLimits(Math.Max(FileLimits.DefaultMaxBytes, letter.Pdf.LongLength)));
        if (!upload.IsAccepted) throw new InvalidOperationException($"The rendered letter was refused by the file store: {upload.Refusal}");
        var file = FileStore.Prepare(upload.Upload, $"application:{application.Id}", LoanApplication.DecidedBy(decision), now);
        var stored = file.Ref;
        return ([new DecisionLetterIssued(application.Id, stored.Id, stored.FileName, stored.Sha256, now)], file.Operations());
    }
}
