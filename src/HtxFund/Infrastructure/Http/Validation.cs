using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Infrastructure.Http;

/// <summary>Runs a command's nested FluentValidation validator and turns failures into one ProblemDetails
/// whose <c>errors</c> are keyed by camelCase field name, each with a stable code and a Vietnamese message.</summary>
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

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, string field,
        string label, int maxLength) =>
        rule.NotEmpty().Refuse($"{field}.required", $"Vui lòng nhập {label}.")
            .MaximumLength(maxLength).Refuse($"{field}.too_long", $"{Capitalise(label)} không được dài quá {maxLength} ký tự.");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string field,
        string label, int maxLength) =>
        rule.MaximumLength(maxLength).Refuse($"{field}.too_long", $"{Capitalise(label)} không được dài quá {maxLength} ký tự.");

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0]) + s[1..];
}
