using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Infrastructure.Http;

/// <summary>Text rules judge the text as it will be stored (<see cref="Reference.VietnameseText.Normalize"/>), so a
/// command is validated as sent and normalised in its decision. Runs a command's nested FluentValidation validator and turns failures into one ProblemDetails
/// whose <c>errors</c> are keyed by camelCase field name, each with a stable code and a Vietnamese message.
/// The rule helpers below are the one home of each kind of field's bounds (text, dates, money): every command
/// validator uses them, so a new command gets the same bounds without thought (docs/bad-input.md).</summary>
public static class Validation
{
    public static ProblemDetails Check<T>(T command, IValidator<T> validator)
    {
        var result = validator.Validate(command);
        return result.IsValid ? WolverineContinue.NoProblems : result.ToProblem();
    }

    public static ProblemDetails ToProblem(this ValidationResult result) =>
        Problems.Validation(result.Errors
            .Select(e => new FieldError(CamelCase(e.PropertyName), e.ErrorCode, e.ErrorMessage))
            .ToArray());

    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    /// <summary>A rule's code and Vietnamese message in one call.</summary>
    public static IRuleBuilderOptions<T, TProperty> Refuse<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule,
        string code, string message) => rule.WithErrorCode(code).WithMessage(message);

    // ---- text: the lengths by kind of field are TextLimits; InputText refuses control characters and the like at the edge

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, string field,
        string label, int maxLength) =>
        rule.Must(s => Reference.VietnameseText.Normalize(s).Length > 0).Refuse($"{field}.required", $"Vui lòng nhập {label}.")
            .Must(s => Reference.VietnameseText.Normalize(s).Length <= maxLength)
            .Refuse($"{field}.too_long", $"{Capitalise(label)} không được dài quá {maxLength} ký tự.");

    /// <summary>A required text of at most <paramref name="maxLength"/> characters, for a field that answers both an empty
    /// and a too-long text with one code and message (follow it with <see cref="Refuse{T,TProperty}"/>).</summary>
    public static IRuleBuilderOptions<T, string?> RequiredTextWithin<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(s => Reference.VietnameseText.Normalize(s).Length is var length && length > 0 && length <= maxLength);

    /// <summary>The reason a decider gives for turning a request down (a restructuring, an interest waiver, a risk-handling
    /// proposal): required, at most <see cref="TextLimits.Note"/> characters, refused with <c>reason.required</c>.</summary>
    public static IRuleBuilderOptions<T, string?> RejectionReason<T>(this IRuleBuilder<T, string?> rule) =>
        rule.RequiredTextWithin(TextLimits.Note)
            .Refuse("reason.required", $"Vui lòng nêu lý do từ chối (tối đa {TextLimits.Note} ký tự).");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string field,
        string label, int maxLength) =>
        rule.Must(s => Reference.VietnameseText.Normalize(s).Length <= maxLength)
            .Refuse($"{field}.too_long", $"{Capitalise(label)} không được dài quá {maxLength} ký tự.");

    // ---- dates: RequestDates is the edge's window for any date; these are the fields' own, narrower ones

    /// <summary>No fund record (a value date, a decision, a check, a contract) is older than this: the funds were
    /// founded from 2006 (Decision 246/2006); anything earlier is a typo.</summary>
    public static readonly LocalDate EarliestRecordDate = new(1990, 1, 1);

    /// <summary>How far a loan's start (the proposal's, the contract's) may lie from today, either way.</summary>
    public static readonly Period LoanStartWindow = Period.FromYears(1);

    /// <summary>A business date that happened: not after today and not before <paramref name="earliest"/> (default
    /// <see cref="EarliestRecordDate"/>); required unless <paramref name="required"/> is false.</summary>
    public static void PastDate<T>(this IRuleBuilderInitial<T, LocalDate?> rule, string field, string label, LocalDate today,
        LocalDate? earliest = null, bool required = true)
    {
        var from = earliest ?? EarliestRecordDate;
        var cascade = rule.Cascade(CascadeMode.Stop);
        var options = required
            ? cascade.NotNull().Refuse($"{field}.required", $"Vui lòng nhập {label}.").Must(d => d <= today)
            : cascade.Must(d => d is null || d <= today);
        options.Refuse($"{field}.in_future", $"{Capitalise(label)} không được sau ngày hôm nay.")
            .Must(d => d is null || d >= from).Refuse($"{field}.too_early", $"{Capitalise(label)} không được trước ngày {from:dd/MM/yyyy}.");
    }

    /// <summary>An optional loan start date within <see cref="LoanStartWindow"/> of today: a start further back is a
    /// typo, one further ahead means terms that will be stale by the time the loan is used.</summary>
    public static void LoanStartDate<T>(this IRuleBuilderInitial<T, LocalDate?> rule, string field, string label, LocalDate today)
    {
        var (from, to) = (today.Minus(LoanStartWindow), today.Plus(LoanStartWindow));
        rule.Must(d => d is null || (d >= from && d <= to)).Refuse($"{field}.out_of_range",
            $"{Capitalise(label)} phải trong khoảng {from:dd/MM/yyyy} – {to:dd/MM/yyyy} (không quá một năm trước hoặc sau hôm nay).");
    }

    // ---- money: whole đồng, at most FundCapital.MaxAmount

    /// <summary>A whole number of đồng, above 0 unless <paramref name="signed"/>, at most <see cref="Capital.FundCapital.MaxAmount"/> in size.</summary>
    public static void WholeDong<T>(this IRuleBuilderInitial<T, decimal?> rule, string field, string label, bool signed = false)
    {
        var options = rule.Cascade(CascadeMode.Stop).NotNull().Refuse($"{field}.required", $"Vui lòng nhập {label}.")
            .Must(a => a == decimal.Truncate(a!.Value)).Refuse($"{field}.not_whole_dong", $"{Capitalise(label)} phải là số đồng nguyên.")
            .Must(a => decimal.Abs(a!.Value) <= Capital.FundCapital.MaxAmount).Refuse($"{field}.too_large", $"{Capitalise(label)} không được vượt quá 10^15 đồng.");
        if (!signed) options.Must(a => a > 0).Refuse($"{field}.not_positive", $"{Capitalise(label)} phải lớn hơn 0.");
    }

    /// <summary>An amount in đồng from 1 to <see cref="Capital.FundCapital.MaxAmount"/>, checked when given (the
    /// caller says separately whether it is required): code <c>{field}.out_of_range</c>.</summary>
    public static void PositiveDong<T>(this IRuleBuilderInitial<T, long?> rule, string field, string message) =>
        rule.Must(v => v is null || (v >= 1 && v <= Capital.FundCapital.MaxAmount)).Refuse($"{field}.out_of_range", message);

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0]) + s[1..];
}
