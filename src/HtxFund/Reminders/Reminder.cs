using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace HtxFund.Reminders;

/// <summary>What a reminder is about.</summary>
public enum ReminderKind
{
    /// <summary>An instalment falls due in <c>OffsetDays</c> days (to the cooperative).</summary>
    UpcomingInstalment,
    /// <summary>An instalment is still unpaid <c>OffsetDays</c> days after its due date (to the cooperative, with a PDF notice).</summary>
    OverdueInstalment,
    /// <summary>An application's processing time is about to exceed its target (to a staff member).</summary>
    ProcessingDueSoon,
    /// <summary>An application's processing time has exceeded its target (to a staff member).</summary>
    ProcessingLate,
}

/// <summary>Who reads it: a cooperative (all its users and its contact address) or one staff member.</summary>
public enum ReminderAudience { Cooperative, Staff }

public enum ReminderStatus
{
    /// <summary>Recorded; the email is waiting in the durable outbox (or being retried with backoff).</summary>
    Pending,
    /// <summary>Posted in-app and every address got its email (or the reminder had no address).</summary>
    Sent,
    /// <summary>Done, but at least one address was refused permanently (SMTP 5xx): see the deliveries.</summary>
    PartlyUndeliverable,
    /// <summary>Done, and no address accepted it.</summary>
    Undeliverable,
    /// <summary>Not sent: the instalment was paid or the application decided before sending.</summary>
    Cancelled,
}

public enum DeliveryState { Pending, Sending, Delivered, Undeliverable }

/// <summary>The amounts the cooperative owes as of the reminder's date, from the Lending engine (whole đồng).</summary>
public sealed record NoticeAmounts(
    long InstalmentPrincipal,
    long InstalmentInterest,
    long PrincipalOverdue,
    long InterestOverdue,
    long InterestDue,
    long PrincipalDue,
    long LateInterest,
    long TotalDue,
    int DaysPastDue,
    int DebtGroup)
{
    /// <summary>The instalment itself as the engine bills it: its principal and interest still unpaid (for an instalment
    /// still to come, what it will be billed on its due date).</summary>
    public long InstalmentTotal => InstalmentPrincipal + InstalmentInterest;
}

// ---- Events of a reminder stream. One stream per reminder; its id is a UUIDv5 of the fund and the reminder's key,
// so two nodes recording the same reminder collide on the stream id instead of sending it twice. ----

/// <summary>The daily run found a reminder to send on <paramref name="BusinessDate"/> and recorded it; the email is in
/// the durable outbox in the same transaction. Everything the message and the PDF notice show is frozen here.</summary>
public sealed record ReminderScheduled(
    Guid ReminderId,
    string Key,
    ReminderKind Kind,
    int OffsetDays,
    LocalDate BusinessDate,
    ReminderAudience Audience,
    Guid? CooperativeId,
    string? CooperativeName,
    Guid? LoanId,
    string? ContractNumber,
    int? InstalmentNumber,
    LocalDate? DueDate,
    NoticeAmounts? Amounts,
    Guid? ApplicationId,
    string? BorrowerName,
    LocalDate? TargetDate,
    int? WorkingDays,
    int? TargetWorkingDays,
    Guid? RecipientUserId,
    string? RecipientName,
    IReadOnlyList<string> Addresses,
    int PolicyVersion,
    Instant At);

/// <summary>The reminder was posted to the in-app inbox of <paramref name="UserCount"/> users (or the cooperative's inbox).</summary>
public sealed record ReminderPostedInApp(Guid ReminderId, int UserCount, Instant At);

/// <summary>A node claimed the email to <paramref name="Address"/> and is talking to the SMTP server (attempt n).</summary>
public sealed record ReminderEmailSending(Guid ReminderId, string Address, int Attempt, Instant At);

/// <summary>The SMTP server accepted the email to <paramref name="Address"/>.</summary>
public sealed record ReminderEmailDelivered(Guid ReminderId, string Address, string MessageId, Instant At);

/// <summary>A transient failure (server down, 4xx): the message goes back to the outbox and is retried with backoff.</summary>
public sealed record ReminderEmailDeferred(Guid ReminderId, string Address, int Attempt, string Error, Instant At);

/// <summary>The SMTP server refused <paramref name="Address"/> permanently (5xx): it is recorded and shown to staff.</summary>
public sealed record ReminderEmailUndeliverable(Guid ReminderId, string Address, int SmtpStatus, string Error, Instant At);

/// <summary>Every channel is done.</summary>
public sealed record ReminderSent(Guid ReminderId, Instant At);

/// <summary>Not sent, because at send time there was nothing to remind (e.g. the instalment was paid meanwhile).</summary>
public sealed record ReminderCancelled(Guid ReminderId, string Reason, Instant At);

public sealed record Delivery(string Address, DeliveryState State, int Attempts, Instant? ClaimedAt, Instant? At, string? Error, int? SmtpStatus);

/// <summary>The reminder folded from its stream (inline snapshot): what staff and the cooperative read, and what the
/// send handler decides on. Day numbers sit beside dates for queries.</summary>
public sealed record Reminder
{
    public Guid Id { get; init; }
    public string Key { get; init; } = "";
    public ReminderKind Kind { get; init; }
    public int OffsetDays { get; init; }
    public LocalDate BusinessDate { get; init; }
    public int DayNumber { get; init; }
    public ReminderAudience Audience { get; init; }
    public Guid? CooperativeId { get; init; }
    public string? CooperativeName { get; init; }
    public Guid? LoanId { get; init; }
    public string? ContractNumber { get; init; }
    public int? InstalmentNumber { get; init; }
    public LocalDate? DueDate { get; init; }
    public NoticeAmounts? Amounts { get; init; }
    public Guid? ApplicationId { get; init; }
    public string? BorrowerName { get; init; }
    public LocalDate? TargetDate { get; init; }
    public int? WorkingDays { get; init; }
    public int? TargetWorkingDays { get; init; }
    public Guid? RecipientUserId { get; init; }
    public string? RecipientName { get; init; }
    public ImmutableList<Delivery> Deliveries { get; init; } = [];
    public int PolicyVersion { get; init; }
    public ReminderStatus Status { get; init; }
    public bool PostedInApp { get; init; }
    public string? CancelReason { get; init; }
    public Instant ScheduledAt { get; init; }
    public Instant? CompletedAt { get; init; }
    public bool HasUndeliverable { get; init; }
    public long Version { get; init; }

    public bool HasNotice => Kind == ReminderKind.OverdueInstalment;
    public bool IsDone => Status != ReminderStatus.Pending;

    public static Reminder Create(ReminderScheduled e) => new()
    {
        Id = e.ReminderId, Key = e.Key, Kind = e.Kind, OffsetDays = e.OffsetDays, BusinessDate = e.BusinessDate,
        DayNumber = e.BusinessDate.ToDateOnly().DayNumber, Audience = e.Audience, CooperativeId = e.CooperativeId,
        CooperativeName = e.CooperativeName, LoanId = e.LoanId, ContractNumber = e.ContractNumber, InstalmentNumber = e.InstalmentNumber,
        DueDate = e.DueDate, Amounts = e.Amounts, ApplicationId = e.ApplicationId, BorrowerName = e.BorrowerName, TargetDate = e.TargetDate,
        WorkingDays = e.WorkingDays, TargetWorkingDays = e.TargetWorkingDays, RecipientUserId = e.RecipientUserId,
        RecipientName = e.RecipientName, PolicyVersion = e.PolicyVersion, ScheduledAt = e.At, Status = ReminderStatus.Pending,
        Deliveries = e.Addresses.Select(a => new Delivery(a, DeliveryState.Pending, 0, null, null, null, null)).ToImmutableList(),
    };

    public Reminder Apply(ReminderPostedInApp e) => this with { PostedInApp = true };

    public Reminder Apply(ReminderEmailSending e) =>
        WithDelivery(e.Address, d => d with { State = DeliveryState.Sending, Attempts = e.Attempt, ClaimedAt = e.At });

    public Reminder Apply(ReminderEmailDelivered e) =>
        WithDelivery(e.Address, d => d with { State = DeliveryState.Delivered, At = e.At, Error = null });

    public Reminder Apply(ReminderEmailDeferred e) =>
        WithDelivery(e.Address, d => d with { State = DeliveryState.Pending, ClaimedAt = null, Error = e.Error });

    public Reminder Apply(ReminderEmailUndeliverable e) =>
        WithDelivery(e.Address, d => d with { State = DeliveryState.Undeliverable, At = e.At, Error = e.Error, SmtpStatus = e.SmtpStatus })
            with { HasUndeliverable = true };

    public Reminder Apply(ReminderSent e)
    {
        var refused = Deliveries.Count(d => d.State == DeliveryState.Undeliverable);
        var status = refused == 0 ? ReminderStatus.Sent
            : refused == Deliveries.Count ? ReminderStatus.Undeliverable : ReminderStatus.PartlyUndeliverable;
        return this with { Status = status, CompletedAt = e.At };
    }

    public Reminder Apply(ReminderCancelled e) => this with { Status = ReminderStatus.Cancelled, CancelReason = e.Reason, CompletedAt = e.At };

    private Reminder WithDelivery(string address, Func<Delivery, Delivery> change) => this with
    {
        Deliveries = Deliveries.Select(d => string.Equals(d.Address, address, StringComparison.OrdinalIgnoreCase) ? change(d) : d).ToImmutableList(),
    };
}

/// <summary>Reminder identities: a key per reminder, and the stream id derived from it.</summary>
public static class ReminderKeys
{
    /// <summary>Namespace of HtxFund reminder ids (RFC 9562 UUIDv5 name-based ids).</summary>
    public static readonly Guid Namespace = new("5d1b8f64-2f0c-4c52-9a57-1f0de0a7e001");

    public static string Instalment(Guid loanId, int instalment, ReminderKind kind, int offsetDays) =>
        $"loan:{loanId:N}:instalment:{instalment}:{kind}:{offsetDays}";

    /// <summary>Per processing period: a resubmitted file starts a new period (new complete-file date) with its own alerts.</summary>
    public static string Application(Guid applicationId, LocalDate completeFile, ReminderKind kind, Guid userId) =>
        $"application:{applicationId:N}:{completeFile:yyyy-MM-dd}:{kind}:user:{userId:N}";

    /// <summary>The reminder's stream id: UUIDv5 of (fund, key). Deterministic, so every node computes the same id.</summary>
    public static Guid StreamId(string fundId, string key) => UuidV5(Namespace, $"{fundId}|{key}");

    public static Guid UuidV5(Guid ns, string name)
    {
        var nsBytes = ns.ToByteArray(true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var hash = SHA1.HashData([.. nsBytes, .. nameBytes]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, true);
    }
}

/// <summary>Recognises "someone else wrote this first" from Marten: a stream id taken, a stream version moved, a
/// document id taken (also when wrapped).</summary>
public static class WriteConflicts
{
    public static bool Is(Exception? e) => e is not null && (Infrastructure.Database.StreamConflicts.IsConflict(e)
        || e is JasperFx.DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || Is(e.InnerException));
}
