using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Reminders;
using NodaTime;

namespace HtxFund.Collections;

/// <summary>How the officer reached (or tried to reach) the cooperative.</summary>
public enum ContactChannel { Call, Visit, Letter, Sms, Email }

/// <summary>What came of a contact.</summary>
public enum ContactOutcome
{
    /// <summary>Spoke with the legal representative or the accountant.</summary>
    Reached,
    /// <summary>Nobody answered, nobody at the address.</summary>
    NoAnswer,
    /// <summary>The cooperative promised to pay (record the promise itself with its amount and date).</summary>
    PromisedToPay,
    /// <summary>The cooperative refused or disputed the debt.</summary>
    Refused,
    /// <summary>The number or address is wrong.</summary>
    WrongContact,
    Other,
}

public enum PromiseState { Open, Kept, Broken, Superseded }

/// <summary>The officer contacted the cooperative about loan <paramref name="LoanId"/> on <paramref name="ContactedOn"/>.</summary>
public sealed record CollectionContactLogged(Guid CaseId, Guid LoanId, Guid ContactId, ContactChannel Channel, ContactOutcome Outcome, string Note,
    LocalDate ContactedOn, Actor By, Instant At);

/// <summary>The cooperative promised to pay <paramref name="Amount"/> by <paramref name="PayBy"/> (made on
/// <paramref name="MadeOn"/>). A promise made while another is open supersedes it (<paramref name="Supersedes"/>).</summary>
public sealed record PromiseToPayMade(Guid CaseId, Guid LoanId, Guid PromiseId, long Amount, LocalDate PayBy, LocalDate MadeOn, string Note,
    Guid? Supersedes, Actor By, Instant At);

/// <summary>The daily run found <paramref name="Paid"/> (≥ the amount) repaid between the promise and its date.</summary>
public sealed record PromiseToPayKept(Guid CaseId, Guid LoanId, Guid PromiseId, long Amount, long Paid, LocalDate DecidedOn, Instant At);

/// <summary>The daily run found only <paramref name="Paid"/> (&lt; the amount) repaid by the promised date: the loan is
/// flagged on the worklist and the officer and the Director are told.</summary>
public sealed record PromiseToPayBroken(Guid CaseId, Guid LoanId, Guid PromiseId, long Amount, long Paid, LocalDate PayBy, LocalDate DecidedOn,
    Instant At);

/// <summary>The officer escalated the loan to the Director.</summary>
public sealed record CollectionEscalated(Guid CaseId, Guid LoanId, Guid EscalationId, string Reason, LocalDate EscalatedOn, Actor By, Instant At);

/// <summary>The Director resolved the open escalation, with what was decided.</summary>
public sealed record CollectionEscalationResolved(Guid CaseId, Guid LoanId, Guid EscalationId, string Note, LocalDate ResolvedOn, Actor By,
    Instant At);

public sealed record CollectionContact(Guid ContactId, ContactChannel Channel, ContactOutcome Outcome, string Note, LocalDate ContactedOn,
    Guid ByUserId, string ByUserName, Instant At);

public sealed record PromiseToPay(Guid PromiseId, long Amount, LocalDate PayBy, LocalDate MadeOn, string Note, PromiseState State, Guid ByUserId,
    string ByUserName)
{
    /// <summary>What was repaid towards it, once decided.</summary>
    public long? Paid { get; init; }
    public LocalDate? DecidedOn { get; init; }
}

public sealed record CollectionEscalation(Guid EscalationId, string Reason, LocalDate EscalatedOn, Guid ByUserId, string ByUserName)
{
    public LocalDate? ResolvedOn { get; init; }
    public string? ResolutionNote { get; init; }
    public string? ResolvedBy { get; init; }
    [JsonIgnore] public bool IsOpen => ResolvedOn is null;
}

/// <summary>
/// The collection activity of one loan (hồ sơ thu nợ): contacts, promises to pay and escalations to the Director. It is
/// its own stream, not the loan's, so that logging a call never moves the loan's version, which the money commands
/// (repayments, tranches, restructurings) compare with the version their client saw. The stream id is derived from the
/// loan id (<see cref="StreamId"/>), so the first activity starts it and every later one finds it without a lookup.
/// Kept inline as a document (same id) for the worklist.
/// </summary>
public sealed record CollectionCase
{
    /// <summary>Namespace of the name-based (v5) ids of collection cases.</summary>
    public static readonly Guid Namespace = new("6a1f4c1e-92b3-4e35-8d0f-c0113c7105e0");

    /// <summary>The case of loan <paramref name="loanId"/>: UUIDv5 of the loan id, the same on every node and every call.</summary>
    public static Guid StreamId(Guid loanId) => ReminderKeys.UuidV5(Namespace, $"loan:{loanId:N}");

    public Guid Id { get; init; }
    public Guid LoanId { get; init; }
    public ImmutableList<CollectionContact> Contacts { get; init; } = [];
    public ImmutableList<PromiseToPay> Promises { get; init; } = [];
    public ImmutableList<CollectionEscalation> Escalations { get; init; } = [];
    public long Version { get; init; }

    [JsonIgnore] public PromiseToPay? OpenPromise => Promises.LastOrDefault(p => p.State == PromiseState.Open);
    [JsonIgnore] public CollectionEscalation? OpenEscalation => Escalations.LastOrDefault(e => e.IsOpen);
    [JsonIgnore] public CollectionContact? LastContact => Contacts.OrderBy(c => c.ContactedOn).ThenBy(c => c.At).LastOrDefault();

    /// <summary>The loan is flagged from a broken promise until a new promise is made (the last decided or open promise
    /// is the broken one).</summary>
    [JsonIgnore] public bool PromiseBroken => Promises.LastOrDefault(p => p.State != PromiseState.Superseded) is { State: PromiseState.Broken };

    public PromiseToPay? PromiseOf(Guid id) => Promises.FirstOrDefault(p => p.PromiseId == id);

    public static CollectionCase Create(CollectionContactLogged e) => new CollectionCase { Id = e.CaseId, LoanId = e.LoanId }.Apply(e);
    public static CollectionCase Create(PromiseToPayMade e) => new CollectionCase { Id = e.CaseId, LoanId = e.LoanId }.Apply(e);
    public static CollectionCase Create(CollectionEscalated e) => new CollectionCase { Id = e.CaseId, LoanId = e.LoanId }.Apply(e);

    public CollectionCase Apply(CollectionContactLogged e) => this with
    {
        Contacts = Contacts.Add(new(e.ContactId, e.Channel, e.Outcome, e.Note, e.ContactedOn, e.By.UserId, e.By.UserName, e.At)),
    };

    public CollectionCase Apply(PromiseToPayMade e) => this with
    {
        Promises = Promises.Select(p => p.PromiseId == e.Supersedes ? p with { State = PromiseState.Superseded } : p).ToImmutableList()
            .Add(new(e.PromiseId, e.Amount, e.PayBy, e.MadeOn, e.Note, PromiseState.Open, e.By.UserId, e.By.UserName)),
    };

    public CollectionCase Apply(PromiseToPayKept e) => WithPromise(e.PromiseId, p => p with { State = PromiseState.Kept, Paid = e.Paid, DecidedOn = e.DecidedOn });
    public CollectionCase Apply(PromiseToPayBroken e) => WithPromise(e.PromiseId, p => p with { State = PromiseState.Broken, Paid = e.Paid, DecidedOn = e.DecidedOn });

    public CollectionCase Apply(CollectionEscalated e) => this with
    {
        Escalations = Escalations.Add(new(e.EscalationId, e.Reason, e.EscalatedOn, e.By.UserId, e.By.UserName)),
    };

    public CollectionCase Apply(CollectionEscalationResolved e) => this with
    {
        Escalations = Escalations.Select(x => x.EscalationId == e.EscalationId
            ? x with { ResolvedOn = e.ResolvedOn, ResolutionNote = e.Note, ResolvedBy = e.By.UserName } : x).ToImmutableList(),
    };

    private CollectionCase WithPromise(Guid id, Func<PromiseToPay, PromiseToPay> change) =>
        this with { Promises = Promises.Select(p => p.PromiseId == id ? change(p) : p).ToImmutableList() };
}
