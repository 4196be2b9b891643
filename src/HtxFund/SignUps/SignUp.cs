using HtxFund.Cooperatives.Registering;
using HtxFund.Files;
using HtxFund.Identity;
using NodaTime;

namespace HtxFund.SignUps;

/// <summary>Where a cooperative's own sign-up stands.</summary>
public enum SignUpStatus
{
    /// <summary>Submitted; the emailed link has not been followed yet.</summary>
    AwaitingEmail,
    /// <summary>The email address is confirmed; the fund's staff review it.</summary>
    AwaitingReview,
    Approved,
    Refused,
}

/// <summary>A cooperative asked to use the fund's portal (the public page <c>/dang-ky</c>): its registration details as
/// <see cref="RegisterCooperative"/> takes them (normalised), the scan of its registration certificate, and until when the
/// emailed confirmation link is valid. The user name of its account is its tax code. The password's hash is kept apart
/// (<see cref="SignUpCredential"/>) so that it never enters the event log.</summary>
public sealed record SignUpSubmitted(Guid SignUpId, RegisterCooperative Cooperative, string UserName, StoredFileRef Certificate,
    string ConsentText, Instant ConfirmBy, Instant SubmittedAt, LocalDate Day);

/// <summary>The applicant followed the emailed link: the address is theirs.</summary>
public sealed record SignUpEmailConfirmed(Guid SignUpId, Instant ConfirmedAt);

/// <summary>The fund's staff approved the sign-up: the cooperative was registered (or the fund's cooperative with the same
/// tax code linked) and its user created, enabled.</summary>
public sealed record SignUpApproved(Guid SignUpId, Guid CooperativeId, bool LinkedExistingCooperative, Guid UserId, string UserName,
    Actor ApprovedBy, Instant ApprovedAt, LocalDate Day);

/// <summary>The fund's staff refused the sign-up, with the reason emailed to the applicant.</summary>
public sealed record SignUpRefused(Guid SignUpId, string Reason, Actor RefusedBy, Instant RefusedAt, LocalDate Day);

/// <summary>The sign-up (inline snapshot): what the review pages list and the decisions need.</summary>
public sealed record SignUp(
    Guid Id,
    SignUpStatus Status,
    RegisterCooperative Cooperative,
    string TaxCode,
    string UserName,
    string Email,
    StoredFileRef Certificate,
    Instant ConfirmBy,
    Instant SubmittedAt,
    Instant? EmailConfirmedAt,
    Guid? CooperativeId,
    Guid? UserId,
    string? RefusalReason,
    string? DecidedBy,
    Instant? DecidedAt,
    long Version)
{
    public static SignUp Create(SignUpSubmitted e) =>
        new(e.SignUpId, SignUpStatus.AwaitingEmail, e.Cooperative, e.Cooperative.TaxCode!, e.UserName, e.Cooperative.ContactEmail!,
            e.Certificate, e.ConfirmBy, e.SubmittedAt, null, null, null, null, null, null, 0);

    public SignUp Apply(SignUpEmailConfirmed e) => this with { Status = SignUpStatus.AwaitingReview, EmailConfirmedAt = e.ConfirmedAt };

    public SignUp Apply(SignUpApproved e) => this with
    {
        Status = SignUpStatus.Approved, CooperativeId = e.CooperativeId, UserId = e.UserId, DecidedBy = e.ApprovedBy.UserName,
        DecidedAt = e.ApprovedAt,
    };

    public SignUp Apply(SignUpRefused e) => this with
    {
        Status = SignUpStatus.Refused, RefusalReason = e.Reason, DecidedBy = e.RefusedBy.UserName, DecidedAt = e.RefusedAt,
    };

    /// <summary>Still holding its tax code against another sign-up: awaiting review, or awaiting its email while the link is valid.</summary>
    public bool IsPendingAt(Instant now) =>
        Status == SignUpStatus.AwaitingReview || (Status == SignUpStatus.AwaitingEmail && now < ConfirmBy);

    /// <summary>The owner of the certificate's stored file.</summary>
    public static string FileOwner(Guid signUpId) => $"signup:{signUpId}";
}

/// <summary>The hash of the password the applicant chose, kept until the review decides (then deleted): the approval
/// creates the user with it. A document of the fund, id = the sign-up's.</summary>
public sealed record SignUpCredential
{
    public Guid Id { get; init; }
    public required string PasswordHash { get; init; }
}

/// <summary>A proof-of-work challenge already used by a sign-up (id = SHA-256 of the challenge): each one is good once.
/// Deployment-wide, like the challenges themselves.</summary>
public sealed record SpentSignUpChallenge
{
    public required string Id { get; init; }
    public Instant SpentAt { get; init; }
}
