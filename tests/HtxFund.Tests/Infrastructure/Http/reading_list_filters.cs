using HtxFund.Applications;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans;

namespace HtxFund.Tests.Infrastructure.Http;

/// <summary>The query-string filters of the list endpoints (<see cref="QueryFilters"/>): blank is no filter, a known
/// value filters, anything else is one refusal with the field's stable code.</summary>
public sealed class reading_list_filters
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_blank_filter_is_no_filter_and_no_refusal(string? text)
    {
        var errors = new List<FieldError>();
        QueryFilters.Province(text, errors).ShouldBeNull();
        QueryFilters.Choice<ApplicationStatus>(text, "status", "x", errors).ShouldBeNull();
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void an_absent_sort_key_leaves_the_lists_own_order_and_no_refusal(string? sort)
    {
        var errors = new List<FieldError>();
        QueryFilters.Sort(sort, ["age"], errors);
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Đắk Lắk")]
    [InlineData("dak lak")]
    public void a_province_is_found_by_its_name_with_or_without_diacritics(string text)
    {
        var errors = new List<FieldError>();
        QueryFilters.Province(text, errors)!.Name.ShouldBe("Đắk Lắk");
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("Tỉnh không có")]
    [InlineData("Đắk Lắk; drop table")]
    public void an_unknown_province_is_refused_under_its_field(string text)
    {
        var errors = new List<FieldError>();
        QueryFilters.Province(text, errors).ShouldBeNull();
        errors.ShouldBe([new FieldError("province", "province.unknown", "Không tìm thấy tỉnh, thành phố này.")]);
    }

    [Fact]
    public void a_list_may_word_the_unknown_province_its_own_way()
    {
        var errors = new List<FieldError>();
        QueryFilters.Province("Atlantis", errors, "Không có trong danh mục.");
        errors.ShouldBe([new FieldError("province", "province.unknown", "Không có trong danh mục.")]);
    }

    [Theory]
    [InlineData("Submitted", ApplicationStatus.Submitted)]
    [InlineData("submitted", ApplicationStatus.Submitted)]
    public void a_choice_is_read_by_name_whatever_its_case(string text, ApplicationStatus expected)
    {
        var errors = new List<FieldError>();
        QueryFilters.Choice<ApplicationStatus>(text, "status", "x", errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Sent")]
    [InlineData("7")]
    [InlineData("Application")]
    public void an_unknown_or_excluded_choice_is_refused_with_the_fields_code(string text)
    {
        var errors = new List<FieldError>();
        QueryFilters.Choice<LoanStage>(text, "status", "Trạng thái khoản vay phải là Approved, Contracted hoặc Closed.", errors,
            s => s != LoanStage.Application).ShouldBeNull();
        errors.ShouldBe([new FieldError("status", "status.unknown", "Trạng thái khoản vay phải là Approved, Contracted hoặc Closed.")]);
    }

    [Fact]
    public void a_sort_key_must_be_one_of_the_lists_and_the_refusal_names_them_even_for_spaces()
    {
        var errors = new List<FieldError>();
        QueryFilters.Sort("-age", ["age", "-age"], errors);
        errors.ShouldBeEmpty();
        QueryFilters.Sort("AGE", ["age", "-age"], errors);
        QueryFilters.Sort("  ", ["age", "-age"], errors);
        errors.ShouldBe([new FieldError("sort", "sort.unknown", "Sắp xếp phải là một trong: age, -age."),
            new FieldError("sort", "sort.unknown", "Sắp xếp phải là một trong: age, -age.")]);
    }
}
