using FluentValidation;
using HtxFund.Applications.Applying;
using HtxFund.Applications.Appraising;
using HtxFund.Loans.Restructuring;
using HtxFund.Infrastructure.Http;

namespace HtxFund.Tests.Infrastructure.Http;

/// <summary>The fields that answer an empty and a too-long text with one code (<c>RequiredTextWithin</c>): the
/// applicant's response, the fund's questions, the reason a restructuring is rejected. The text is judged as it will be
/// stored (normalised), so surrounding spaces neither fill an empty text nor push one over the limit.</summary>
public sealed class requiring_a_text_within_a_length
{
    private static string? CodeOf<T>(IValidator<T> validator, T command) =>
        validator.Validate(command).Errors.SingleOrDefault()?.ErrorCode;

    public static TheoryData<string?, bool> Texts => new()
    {
        { null, false },
        { "", false },
        { "   \t ", false },
        { new string('a', TextLimits.Note + 1), false },
        { "x", true },
        { new string('a', TextLimits.Note), true },
        { "  " + new string('a', TextLimits.Note) + "  ", true },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void the_applicants_response_is_refused_empty_or_too_long_with_one_code(string? text, bool accepted) =>
        CodeOf(new ResubmitApplication.Validator(), new ResubmitApplication(1, text)).ShouldBe(accepted ? null : "response.required");

    [Theory]
    [MemberData(nameof(Texts))]
    public void the_funds_questions_are_refused_empty_or_too_long_with_one_code(string? text, bool accepted) =>
        CodeOf(new ReturnForInformation.Validator(), new ReturnForInformation(1, text)).ShouldBe(accepted ? null : "questions.required");

    [Theory]
    [MemberData(nameof(Texts))]
    public void a_restructurings_rejection_reason_is_refused_empty_or_too_long_with_one_code(string? text, bool accepted) =>
        CodeOf(new RejectRestructuring.Validator(), new RejectRestructuring(null, text)).ShouldBe(accepted ? null : "reason.required");
}
