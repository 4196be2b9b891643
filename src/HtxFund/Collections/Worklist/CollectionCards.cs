using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Lending.Payments;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Collections.Worklist;

/// <summary>How to reach the cooperative (from its registration).</summary>
public sealed record CooperativeContact(string Name, string LegalRepresentative, string? Phone, string? Email, string Address, string District,
    string Province);

/// <summary>The next instalment not yet paid that falls due on or after the card's date: what of it is still to pay.</summary>
public sealed record NextInstalment(int Number, LocalDate DueDate, long Principal, long Interest, long Total);

/// <summary>
/// One loan on a collections worklist as of <see cref="AsOf"/>, valued by the engine: the overdue amounts and days past
/// due, the next instalment, what to pay now (<see cref="AmountToPay"/>: everything due and overdue, or when nothing is,
/// the next instalment; the QR code's default amount), the payment reference, and the collection case (last contact,
/// open promise, broken-promise flag, open escalation).
/// </summary>
public sealed record CollectionCard(
    Guid LoanId,
    string? ContractNumber,
    string BorrowerName,
    Guid CooperativeId,
    CooperativeContact? Cooperative,
    Guid? OfficerId,
    string? OfficerName,
    LocalDate AsOf,
    NextInstalment? Next,
    long PrincipalOverdue,
    long InterestOverdue,
    long Penalties,
    long AmountDue,
    long AmountToPay,
    int DaysPastDue,
    int DebtGroup,
    long PrincipalOutstanding,
    string PaymentReference,
    CollectionContact? LastContact,
    PromiseToPay? OpenPromise,
    bool PromiseBroken,
    CollectionEscalation? OpenEscalation)
{
    public bool IsOverdue => DaysPastDue > 0 || PrincipalOverdue > 0 || InterestOverdue > 0;
}

public static class CollectionCards
{
    /// <summary>The card of a contracted loan valued at <paramref name="asOf"/>; null when it cannot be valued then (no
    /// contract, before its start).</summary>
    public static CollectionCard? Of(LoanDetails details, Loan loan, LoanPosition? position, CooperativeDetails? cooperative, CollectionCase? @case,
        LocalDate asOf)
    {
        if (position is null) return null;
        var next = NextOf(position, asOf);
        var penalties = position.InterestOnOverduePrincipal + position.InterestOnLateInterest;
        return new CollectionCard(details.Id, details.ContractNumber, details.BorrowerName, details.CooperativeId, Contact(cooperative),
            details.OfficerId, details.OfficerName, asOf, next, position.PrincipalOverdue, position.InterestOverdue, penalties, position.AmountDue,
            AmountToPay(position, next), position.DaysPastDue, position.DebtGroup, position.PrincipalOutstanding,
            Lending.Payments.PaymentReference.For(loan.Id).Value, @case?.LastContact, @case?.OpenPromise, @case?.PromiseBroken ?? false,
            @case?.OpenEscalation);
    }

    /// <summary>On the worklist: something overdue, or an unpaid instalment due within <paramref name="lookAheadDays"/>
    /// days of the card's date (the date itself included).</summary>
    public static bool OnWorklist(CollectionCard card, int lookAheadDays) =>
        card.IsOverdue || card.AmountDue > 0 || (card.Next is { } next && next.DueDate <= card.AsOf.PlusDays(lookAheadDays));

    /// <summary>Most days past due first, then the most to pay, then by contract number.</summary>
    public static IReadOnlyList<CollectionCard> Ordered(IEnumerable<CollectionCard> cards) =>
        cards.OrderByDescending(c => c.DaysPastDue).ThenByDescending(c => c.AmountToPay)
            .ThenBy(c => c.ContractNumber, StringComparer.Ordinal).ThenBy(c => c.LoanId).ToArray();

    public static NextInstalment? NextOf(LoanPosition position, LocalDate asOf) =>
        position.Schedule.Where(i => i.DueDate >= asOf && i.Status != InstalmentStatus.Paid && i.PrincipalUnpaid + i.InterestUnpaid > 0)
            .Select(i => new NextInstalment(i.Number, i.DueDate, i.PrincipalUnpaid, i.InterestUnpaid, i.PrincipalUnpaid + i.InterestUnpaid))
            .FirstOrDefault();

    /// <summary>What the cooperative should pay now: everything due and overdue when anything is, else the next instalment.</summary>
    public static long AmountToPay(LoanPosition position, NextInstalment? next) => position.AmountDue > 0 ? position.AmountDue : next?.Total ?? 0;

    public static CooperativeContact? Contact(CooperativeDetails? c) => c is null ? null
        : new CooperativeContact(c.Name, c.LegalRepresentative, c.Phone, c.ContactEmail, c.Address, c.District, c.Province);
}
