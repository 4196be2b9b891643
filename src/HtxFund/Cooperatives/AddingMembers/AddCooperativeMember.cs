using System.Security.Claims;
using FluentValidation;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Cooperatives.AddingMembers;

/// <summary>Adds a member to a cooperative: an individual (national ID, CCCD) or an enterprise (tax code).</summary>
public sealed record AddCooperativeMember(
    string? FullName,
    string? NationalId,
    string? Membership,
    bool? IsEnterprise,
    string? OrganisationTaxCode,
    LocalDate? JoinedOn)
{
    public AddCooperativeMember Normalised() => this with
    {
        FullName = VietnameseText.Normalize(FullName),
        NationalId = string.IsNullOrWhiteSpace(NationalId) ? null : VietnameseText.Normalize(NationalId).Replace(" ", ""),
        Membership = Membership?.Trim(),
        OrganisationTaxCode = string.IsNullOrWhiteSpace(OrganisationTaxCode) ? null : OrganisationTaxCode.Trim(),
    };

    public MembershipKind? ParsedMembership =>
        EnumText.Parse<MembershipKind>(Membership);

    public sealed class Validator : AbstractValidator<AddCooperativeMember>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.FullName).RequiredText("full_name", "họ và tên (hoặc tên doanh nghiệp)", TextLimits.Name);
            RuleFor(x => x.Membership).NotEmpty().Refuse("membership.required", "Vui lòng chọn loại thành viên.");
            RuleFor(x => x.Membership).Must((c, _) => c.ParsedMembership is not null).When(x => !string.IsNullOrEmpty(x.Membership))
                .Refuse("membership.unknown", "Loại thành viên phải là Official (chính thức) hoặc Associate (liên kết).");
            RuleFor(x => x.NationalId).NotEmpty().When(x => x.IsEnterprise != true)
                .Refuse("national_id.required", "Vui lòng nhập số căn cước công dân của thành viên.");
            RuleFor(x => x.NationalId).Matches("^[0-9]{12}$").When(x => x.NationalId is not null)
                .Refuse("national_id.format", "Số căn cước công dân phải gồm đúng 12 chữ số.");
            RuleFor(x => x.OrganisationTaxCode).NotEmpty().When(x => x.IsEnterprise == true)
                .Refuse("organisation_tax_code.required", "Thành viên là doanh nghiệp phải có mã số thuế.");
            RuleFor(x => x.OrganisationTaxCode).Must(t => TaxCode.IsValid(t)).When(x => x.OrganisationTaxCode is not null)
                .Refuse("organisation_tax_code.invalid", "Mã số thuế của tổ chức thành viên không hợp lệ.");
            // no one joined a cooperative before cooperatives could be registered
            RuleFor(x => x.JoinedOn).PastDate("joined_on", "ngày gia nhập", today, Registering.RegisterCooperative.Validator.EarliestRegistration, required: false);
        }
    }
}

public static class AddCooperativeMemberEndpoint
{
    /// <summary>Adds a member. Staff of the fund, or the cooperative itself for its own members.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Admin},{Roles.Cooperative}")]
    [WolverinePost("/api/cooperatives/{id}/members", OperationId = "addCooperativeMember")]
    [Tags("Hợp tác xã")]
    [ProducesResponseType<CooperativeMemberView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, AddCooperativeMember command, ClaimsPrincipal user,
        IDocumentSession session, BusinessTime time, CancellationToken ct)
    {
        if (!user.MaySee(id)) return Results.Problem(GetCooperativeEndpoint.NotFound(id));
        var normalised = command.Normalised();
        var invalid = Validation.Check(normalised, new AddCooperativeMember.Validator(time.Today));
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);

        var stream = await session.Events.FetchForWriting<Cooperative>(id, ct);
        if (stream.Aggregate is null) return Results.Problem(GetCooperativeEndpoint.NotFound(id));

        var decision = Decide(normalised, stream.Aggregate, Guid.CreateVersion7(), user.ToActor(), time.Now, time.Today);
        if (decision.Refusal is not null) return Results.Problem(decision.Refusal);

        var added = decision.Added!;
        stream.AppendOne(added);
        return Results.Created($"/api/cooperatives/{id}",
            new CooperativeMemberView(added.MemberId, added.FullName, added.NationalId, added.Membership,
                added.IsEnterprise, added.OrganisationTaxCode, added.JoinedOn, added.AddedAt));
    }

    public sealed record Decision(ProblemDetails? Refusal, CooperativeMemberAdded? Added);

    /// <summary>The pure decision over a validated, normalised command and the cooperative's state.</summary>
    public static Decision Decide(AddCooperativeMember c, Cooperative cooperative, Guid memberId, Actor actor,
        Instant now, LocalDate today)
    {
        if (c.NationalId is { } nationalId && cooperative.MemberNationalIds.Contains(nationalId))
            return new Decision(Problems.Conflict("cooperative.member_duplicate",
                $"Người có số căn cước {nationalId} đã là thành viên của tổ chức này."), null);
        var taxCode = c.OrganisationTaxCode is null ? null : TaxCode.Validate(c.OrganisationTaxCode).Normalised;
        if (taxCode is not null && cooperative.MemberTaxCodes.Contains(taxCode))
            return new Decision(Problems.Conflict("cooperative.member_duplicate",
                $"Doanh nghiệp có mã số thuế {taxCode} đã là thành viên của tổ chức này."), null);

        return new Decision(null, new CooperativeMemberAdded(cooperative.Id, memberId, c.FullName!, c.NationalId,
            c.ParsedMembership!.Value, c.IsEnterprise ?? false, taxCode, c.JoinedOn, actor, now, today));
    }
}
