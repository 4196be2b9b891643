using System.Security.Claims;
using FluentValidation;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Cooperatives.AddingMembers;

/// <summary>Adds a member to a cooperative: an individual (national ID, CCCD) or an enterprise (tax code).</summary>
public sealed partial record AddCooperativeMember(
    string? FullName,
    string? NationalId,
    string? Membership,
    bool? IsEnterprise,
    string? OrganisationTaxCode,
    LocalDate? JoinedOn)
{
    /// <summary>Text in canonical form: NFC, single spaces; the national ID without spaces.</summary>
    public AddCooperativeMember Normalised() => this with
    {
        FullName = VietnameseText.Normalize(FullName),
        NationalId = NationalIdOf(NationalId),
        Membership = Membership?.Trim(),
        OrganisationTaxCode = string.IsNullOrWhiteSpace(OrganisationTaxCode) ? null : OrganisationTaxCode.Trim(),
    };

    public static string? NationalIdOf(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Normalize(text).Replace(" ", "");

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{12}$")]
    private static partial System.Text.RegularExpressions.Regex NationalIdFormat();

    public MembershipKind? ParsedMembership =>
        EnumText.Parse<MembershipKind>(Membership?.Trim());

    public sealed class Validator : AbstractValidator<AddCooperativeMember>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.FullName).RequiredText("full_name", "họ và tên (hoặc tên doanh nghiệp)", TextLimits.Name);
            RuleFor(x => x.Membership).NotEmpty().Refuse("membership.required", "Vui lòng chọn loại thành viên.");
            RuleFor(x => x.Membership).Must((c, _) => c.ParsedMembership is not null).When(x => !string.IsNullOrWhiteSpace(x.Membership))
                .Refuse("membership.unknown", "Loại thành viên phải là Official (chính thức) hoặc Associate (liên kết).");
            RuleFor(x => x.NationalId).Must(n => NationalIdOf(n) is not null).When(x => x.IsEnterprise != true)
                .Refuse("national_id.required", "Vui lòng nhập số căn cước công dân của thành viên.");
            RuleFor(x => x.NationalId).Must(n => NationalIdFormat().IsMatch(NationalIdOf(n)!)).When(x => NationalIdOf(x.NationalId) is not null)
                .Refuse("national_id.format", "Số căn cước công dân phải gồm đúng 12 chữ số.");
            RuleFor(x => x.OrganisationTaxCode).NotEmpty().When(x => x.IsEnterprise == true)
                .Refuse("organisation_tax_code.required", "Thành viên là doanh nghiệp phải có mã số thuế.");
            RuleFor(x => x.OrganisationTaxCode).Must(t => TaxCode.IsValid(t)).When(x => !string.IsNullOrWhiteSpace(x.OrganisationTaxCode))
                .Refuse("organisation_tax_code.invalid", "Mã số thuế của tổ chức thành viên không hợp lệ.");
            // no one joined a cooperative before cooperatives could be registered
            RuleFor(x => x.JoinedOn).PastDate("joined_on", "ngày gia nhập", today, Registering.RegisterCooperative.Validator.EarliestRegistration, required: false);
        }
    }
}

public static class AddCooperativeMemberEndpoint
{
    /// <summary>404 for a cooperative the user may not see (another one, for a cooperative user) or that is not in the
    /// fund; 409 for a person or enterprise already a member.</summary>
    public static ProblemDetails Validate(Guid id, AddCooperativeMember command, [Aggregate(Required = false)] Cooperative? cooperative,
        ClaimsPrincipal user) =>
        cooperative is null || !user.MaySee(id) ? GetCooperativeEndpoint.NotFound(id)
        : AlreadyAMember(command.Normalised(), cooperative) ?? WolverineContinue.NoProblems;

    /// <summary>A cooperative has each person (national ID) and each enterprise (tax code) once among its members.</summary>
    public static ProblemDetails? AlreadyAMember(AddCooperativeMember c, Cooperative cooperative)
    {
        if (c.NationalId is { } nationalId && cooperative.MemberNationalIds.Contains(nationalId))
            return Problems.Conflict("cooperative.member_duplicate", $"Người có số căn cước {nationalId} đã là thành viên của tổ chức này.");
        if (TaxCodeOf(c) is { } taxCode && cooperative.MemberTaxCodes.Contains(taxCode))
            return Problems.Conflict("cooperative.member_duplicate", $"Doanh nghiệp có mã số thuế {taxCode} đã là thành viên của tổ chức này.");
        return null;
    }

    /// <summary>Adds a member. Staff of the fund, or the cooperative itself for its own members.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Admin},{Roles.Cooperative}")]
    [WolverinePost("/api/cooperatives/{id}/members", OperationId = "addCooperativeMember")]
    [Tags("Hợp tác xã")]
    [ProducesResponseType<CooperativeMemberView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(Guid id, AddCooperativeMember command, [Aggregate(Required = false)] Cooperative? cooperative,
        ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var added = Decide(command.Normalised(), cooperative!, Guid.CreateVersion7(), user.ToActor(), now, today).Added!;
        return (Results.Created($"/api/cooperatives/{id}", new CooperativeMemberView(added.MemberId, added.FullName, added.NationalId,
            added.Membership, added.IsEnterprise, added.OrganisationTaxCode, added.JoinedOn, added.AddedAt)), [added]);
    }

    public sealed record Decision(ProblemDetails? Refusal, CooperativeMemberAdded? Added);

    /// <summary>The pure decision over a validated, normalised command and the cooperative's state (also what the
    /// seeders record members with).</summary>
    public static Decision Decide(AddCooperativeMember c, Cooperative cooperative, Guid memberId, Actor actor, Instant now, LocalDate today) =>
        AlreadyAMember(c, cooperative) is { } refused ? new(refused, null)
        : new(null, new CooperativeMemberAdded(cooperative.Id, memberId, c.FullName!, c.NationalId, c.ParsedMembership!.Value,
            c.IsEnterprise ?? false, TaxCodeOf(c), c.JoinedOn, actor, now, today));

    private static string? TaxCodeOf(AddCooperativeMember c) =>
        c.OrganisationTaxCode is null ? null : TaxCode.Validate(c.OrganisationTaxCode).Normalised;
}
