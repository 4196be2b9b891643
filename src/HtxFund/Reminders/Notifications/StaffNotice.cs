namespace HtxFund.Reminders.Notifications;

/// <summary>What a notice is about: each kind can be turned off for email by each user (in-app stays on).</summary>
public enum NoticeKind
{
    // to the fund's staff
    /// <summary>A new or resubmitted application: to the credit officers.</summary>
    ApplicationSubmitted,
    /// <summary>An appraisal waiting for the board's votes: to the board members.</summary>
    AppraisalAwaitingVotes,
    /// <summary>The board's votes reached quorum: to the Director.</summary>
    VoteReachedQuorum,
    /// <summary>A tranche prepared and waiting for confirmation: to the chief accountants.</summary>
    TranchePrepared,
    /// <summary>A post-disbursement inspection due within 3 days: to its officer.</summary>
    InspectionDueSoon,
    /// <summary>A misuse finding opened a follow-up the Director decides.</summary>
    MisuseFollowUpOpened,
    /// <summary>A promise to pay was broken: to the officer and the Director.</summary>
    PromiseToPayBroken,
    /// <summary>An officer escalated a loan in collection to the Director.</summary>
    CollectionEscalated,
    // to the cooperative's users
    ApplicationReturned,
    ApplicationDecided,
    ContractReadyToSign,
    TranchePaid,
    RepaymentReceived,
    RestructuringDecided,
    /// <summary>The Director decided a misuse finding of a loan-use inspection (recall or warning): to the cooperative.</summary>
    LoanUseFollowUpDecided,
}

/// <summary>Who a notice goes to, within its fund: named users, every active user holding one of the roles, and/or every
/// user bound to a cooperative.</summary>
public sealed record NoticeAudience(IReadOnlyList<Guid> Users, IReadOnlyList<string> Roles, Guid? CooperativeId = null)
{
    public static NoticeAudience ToUsers(params Guid[] users) => new(users, []);
    public static NoticeAudience ToRoles(params string[] roles) => new([], roles);
    public static NoticeAudience ToCooperative(Guid cooperativeId) => new([], [], cooperativeId);
}

/// <summary>
/// Tell people of fund <paramref name="FundId"/> about something: an in-app notification for each recipient, and an
/// email to each recipient who has an address and has not turned <paramref name="Kind"/> off. A durable local message
/// (sent through Wolverine's outbox by the step that made the fact, or by the notices subscription); handling the same
/// <paramref name="NoticeId"/> twice notifies nobody twice. Title and body are Vietnamese; <paramref name="Link"/> is the
/// page that shows what it is about; <paramref name="AttachmentFileId"/> a stored file (a letter) attached to the email.
/// </summary>
public sealed record SendNotice(string FundId, Guid NoticeId, NoticeKind Kind, NoticeAudience To, string Title, string Body, string? Link,
    Guid? AttachmentFileId = null);
