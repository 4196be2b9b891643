using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Capital;

/// <summary>
/// The one rule of capital paid out of the fund (a charter capital withdrawal, other capital repaid): an outflow of an
/// amount on a value date may take neither the figure it draws on (the charter capital, the other-source capital held)
/// nor the fund's cash below zero on that date or on any later one, since a backdated outflow re-values every later
/// date. The figure is checked first, then the cash. A tranche's disbursement draws on the cash alone, with the same
/// lowest-cash figure (<see cref="FundCapitalLedger.LowestCashFrom"/>), in the loan's disbursement rules.
/// </summary>
/// <param name="Verb">What the refusal says cannot be done ("rút", "hoàn trả").</param>
/// <param name="Figure">The figure drawn on, as the refusal names it.</param>
/// <param name="LowestFigureFrom">The lowest value of that figure at the end of a date and of every later date.</param>
/// <param name="FigureCode">The refusal's code when the figure does not cover the amount (extension <c>available</c>).</param>
/// <param name="FigureConsequence">What the refusal adds after the figure ("" for nothing).</param>
/// <param name="CashCode">The refusal's code when the cash does not cover the amount (extension <c>availableCash</c>).</param>
/// <param name="CashConsequence">What the refusal adds after the cash ("" for nothing).</param>
public sealed record CapitalOutflow(
    string Verb,
    string Figure,
    Func<FundCapitalLedger, LocalDate, Money> LowestFigureFrom,
    string FigureCode,
    string FigureConsequence,
    string CashCode,
    string CashConsequence)
{
    /// <summary>The 422 refusal of paying <paramref name="amount"/> out on <paramref name="valueDate"/>, or null when the
    /// figure and the cash cover it on that date and every later one.</summary>
    public ProblemDetails? Refusal(Money amount, LocalDate valueDate, FundCapitalLedger ledger)
    {
        var figure = LowestFigureFrom(ledger, valueDate);
        if (amount > figure)
            return Refused(FigureCode, amount, valueDate, Figure, figure, FigureConsequence, "available");
        var cash = ledger.LowestCashFrom(valueDate);
        return amount > cash ? Refused(CashCode, amount, valueDate, "tiền mặt của quỹ", cash, CashConsequence, "availableCash") : null;
    }

    /// <summary>The refusal of paying out the validated movement <paramref name="c"/>, or null when it is covered.</summary>
    public ProblemDetails? Refusal(ICapitalMovement c, FundCapitalLedger ledger) => Refusal(c.Amount.ToMoney(), c.ValueDate!.Value, ledger);

    /// <summary>The <c>Validate</c> step of an outflow: its refusal, unless it repeats an entry already booked.</summary>
    public ProblemDetails Check(ICapitalMovement c, CapitalBooking booking) => CapitalRecording.Check(booking, ledger => Refusal(c, ledger));

    private ProblemDetails Refused(string code, Money amount, LocalDate valueDate, string figure, Money lowest, string consequence,
        string extension) =>
        Problems.Unprocessable(code,
            $"Không thể {Verb} {amount.ToDisplayString()}: {figure} từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {lowest.ToDisplayString()}{consequence}.",
            new Dictionary<string, object?> { [extension] = lowest.Dong });
}
