using System.Security.Claims;
using FluentValidation;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Cooperatives.Registering;

/// <summary>Registers a tổ hợp tác, hợp tác xã or liên hiệp hợp tác xã with the fund.</summary>
public sealed partial record RegisterCooperative(
    string? Name,
    string? Type,
    string? TaxCode,
    string? Province,
    string? District,
    string? Address,
    LocalDate? RegistrationDate,
    string? LegalRepresentative,
    int? MemberCount,
    string? MainSector,
    PriorityFlags? Priority,
    string? ContactEmail,
    string? Phone)
{
    /// <summary>Text in canonical form: NFC, no control characters, single spaces (normalised, never refused).</summary>
    public RegisterCooperative Normalised() => this with
    {
        Name = VietnameseText.Normalize(Name),
        Type = Type?.Trim(),
        TaxCode = TaxCode?.Trim(),
        Province = VietnameseText.Normalize(Province),
        District = VietnameseText.Normalize(District),
        Address = VietnameseText.Normalize(Address),
        LegalRepresentative = VietnameseText.Normalize(LegalRepresentative),
        MainSector = VietnameseText.Normalize(MainSector),
        ContactEmail = Optional(ContactEmail),
        Phone = Optional(Phone),
    };

    public CooperativeType? ParsedType =>
        EnumText.Parse<CooperativeType>(Type?.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9 .\-]{8,20}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneFormat();

    /// <summary>The check of FluentValidation's <c>EmailAddress()</c> (one '@', neither first nor last), on the address
    /// as it will be stored.</summary>
    private static bool IsEmail(string? address) =>
        address is { } a && a.IndexOf('@') is var at && at > 0 && at < a.Length - 1 && at == a.LastIndexOf('@');

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Normalize(text);

    public sealed class Validator : AbstractValidator<RegisterCooperative>
    {
        public static readonly LocalDate EarliestRegistration = new(1945, 1, 1);

        public Validator(LocalDate today)
        {
            RuleFor(x => x.Name).RequiredText("name", "tên tổ chức", TextLimits.Name);
            RuleFor(x => x.Type).NotEmpty().Refuse("type.required", "Vui lòng chọn loại hình tổ chức.")
                .Must((c, _) => c.ParsedType is not null)
                .Refuse("type.unknown", "Loại hình phải là ToHopTac, HopTacXa hoặc LienHiepHopTacXa.");
            RuleFor(x => x.TaxCode).Custom((value, ctx) =>
            {
                var check = Reference.TaxCode.Validate(value);
                if (!check.IsValid)
                {
                    ctx.AddFailure(new FluentValidation.Results.ValidationFailure(nameof(TaxCode), check.Message)
                        { ErrorCode = check.ErrorCode });
                }
            });
            RuleFor(x => x.Province).NotEmpty().Refuse("province.required", "Vui lòng nhập tỉnh, thành phố.");
            RuleFor(x => x.Province).Must(p => Provinces.Find(p) is not null).When(x => !string.IsNullOrEmpty(x.Province))
                .Refuse("province.unknown", "Không tìm thấy tỉnh, thành phố này trong danh mục đơn vị hành chính.");
            RuleFor(x => x.District).RequiredText("district", "huyện/xã (đơn vị hành chính cấp dưới)", TextLimits.Name);
            RuleFor(x => x.Address).RequiredText("address", "địa chỉ trụ sở", TextLimits.Description);
            RuleFor(x => x.RegistrationDate).NotNull().Refuse("registration_date.required", "Vui lòng nhập ngày đăng ký.");
            RuleFor(x => x.RegistrationDate).Must(d => d <= today).When(x => x.RegistrationDate is not null)
                .Refuse("registration_date.in_future", "Ngày đăng ký không được sau ngày hôm nay.");
            RuleFor(x => x.RegistrationDate).Must(d => d >= EarliestRegistration).When(x => x.RegistrationDate is not null)
                .Refuse("registration_date.too_early", "Ngày đăng ký không hợp lệ.");
            RuleFor(x => x.LegalRepresentative).RequiredText("legal_representative", "người đại diện theo pháp luật", TextLimits.Name);
            RuleFor(x => x.MemberCount).NotNull().Refuse("member_count.required", "Vui lòng nhập số thành viên.")
                .LessThanOrEqualTo(10_000_000).Refuse("member_count.too_large", "Số thành viên không hợp lệ.");
            RuleFor(x => x.MemberCount)
                .Must((c, count) => count >= c.ParsedType!.Value.MinimumMembers())
                .When(x => x.ParsedType is not null && x.MemberCount is not null)
                .WithErrorCode("member_count.below_legal_minimum")
                .WithMessage(c => $"Số thành viên dưới mức tối thiểu theo Luật Hợp tác xã 2023: {c.ParsedType!.Value.MinimumMembersWording()}.");
            RuleFor(x => x.MainSector).RequiredText("main_sector", "ngành nghề chính", TextLimits.Name);
            RuleFor(x => x.ContactEmail).OptionalText("contact_email", "thư điện tử", 254)
                .Must(e => IsEmail(Optional(e))).When(x => Optional(x.ContactEmail) is not null)
                .Refuse("contact_email.format", "Địa chỉ thư điện tử không hợp lệ.");
            RuleFor(x => x.Phone).Must(p => PhoneFormat().IsMatch(Optional(p)!)).When(x => Optional(x.Phone) is not null)
                .Refuse("phone.format", "Số điện thoại không hợp lệ.");
        }
    }
}

public static class RegisterCooperativeEndpoint
{
    /// <summary>One registration per tax code in each fund (the unique index enforces it under concurrency too).</summary>
    public static async Task<ProblemDetails> ValidateAsync(RegisterCooperative command, IQuerySession session, CancellationToken ct)
    {
        var taxCode = TaxCode.Validate(command.TaxCode).Normalised!;
        var existing = await session.Query<CooperativeDetails>().Where(x => x.TaxCode == taxCode)
            .Select(x => x.Id).ToListAsync(ct);
        return existing.Count > 0
            ? Problems.Conflict("cooperative.duplicate_tax_code",
                $"Mã số {taxCode} đã được đăng ký cho một tổ chức khác của quỹ.",
                new Dictionary<string, object?> { ["existingId"] = existing[0] })
            : WolverineContinue.NoProblems;
    }

    /// <summary>Registers a cooperative: one new event stream. Answers 201 with its location.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Admin}")]
    [WolverinePost("/api/cooperatives", OperationId = "registerCooperative")]
    [Tags("Hợp tác xã")]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (CreationResponse<Guid>, IStartStream) Post(RegisterCooperative command, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var registered = Decide(command.Normalised(), Guid.CreateVersion7(), user.ToActor(), now, today);
        return (new CreationResponse<Guid>($"/api/cooperatives/{registered.CooperativeId}", registered.CooperativeId),
            MartenOps.StartStream<Cooperative>(registered.CooperativeId, registered));
    }

    /// <summary>The pure decision: a validated, normalised command becomes the registration event.</summary>
    public static CooperativeRegistered Decide(RegisterCooperative c, Guid id, Actor actor, Instant now, LocalDate today) =>
        new(id, c.Name!, c.ParsedType!.Value, TaxCode.Validate(c.TaxCode).Normalised!, Provinces.Find(c.Province)!.Name,
            c.District!, c.Address!, c.RegistrationDate!.Value, c.LegalRepresentative!, c.MemberCount!.Value, c.MainSector!,
            c.Priority ?? PriorityFlags.None, c.ContactEmail, c.Phone, actor, now, today);
}
