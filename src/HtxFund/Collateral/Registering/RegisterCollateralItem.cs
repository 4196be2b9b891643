using System.Security.Claims;
using FluentValidation;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Collateral.Registering;

/// <summary>Registers a collateral item or a guarantee for a borrower: the cooperative, or one of its members
/// (<see cref="MemberId"/>). A land use right carries its certificate, parcel and map sheet numbers; a vehicle its
/// registration plate; a guarantee by the cooperative is registered for the member it guarantees. The registration of
/// the secured transaction (office, number, date) is given whole or not at all.</summary>
public sealed record RegisterCollateralItem(
    Guid? CooperativeId,
    Guid? MemberId,
    CollateralType? Type,
    string? Owner,
    string? Description,
    string? CertificateNumber,
    string? ParcelNumber,
    string? MapSheet,
    string? RegistrationPlate,
    string? RegistrationOffice,
    string? RegistrationNumber,
    LocalDate? RegistrationDate)
{
    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Normalize(text);

    public bool HasRegistration => Optional(RegistrationOffice) is not null || Optional(RegistrationNumber) is not null || RegistrationDate is not null;

    public sealed class Validator : AbstractValidator<RegisterCollateralItem>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.CooperativeId).NotNull().Refuse("cooperative_id.required", "Vui lòng chọn bên vay (hợp tác xã).");
            RuleFor(x => x.Type).NotNull().Refuse("type.required", "Vui lòng chọn loại tài sản bảo đảm.")
                .IsInEnum().Refuse("type.unknown", "Loại tài sản bảo đảm không hợp lệ.");
            RuleFor(x => x.Owner).RequiredText("owner", "chủ sở hữu (hoặc bên bảo lãnh)", TextLimits.Name);
            RuleFor(x => x.Description).RequiredText("description", "mô tả tài sản", TextLimits.Description);
            RuleFor(x => x.CertificateNumber).OptionalText("certificate_number", "số giấy chứng nhận", TextLimits.Reference);
            RuleFor(x => x.ParcelNumber).OptionalText("parcel_number", "số thửa đất", TextLimits.Reference);
            RuleFor(x => x.MapSheet).OptionalText("map_sheet", "số tờ bản đồ", TextLimits.Reference);
            RuleFor(x => x.RegistrationPlate).OptionalText("registration_plate", "biển kiểm soát", TextLimits.Reference);
            When(x => x.Type == CollateralType.LandUseRight, () =>
            {
                RuleFor(x => x.CertificateNumber).Must(v => Optional(v) is not null)
                    .Refuse("certificate_number.required", "Quyền sử dụng đất cần số giấy chứng nhận quyền sử dụng đất.");
                RuleFor(x => x.ParcelNumber).Must(v => Optional(v) is not null).Refuse("parcel_number.required", "Quyền sử dụng đất cần số thửa đất.");
                RuleFor(x => x.MapSheet).Must(v => Optional(v) is not null).Refuse("map_sheet.required", "Quyền sử dụng đất cần số tờ bản đồ.");
            });
            When(x => x.Type == CollateralType.Vehicle, () =>
                RuleFor(x => x.RegistrationPlate).Must(v => Optional(v) is not null)
                    .Refuse("registration_plate.required", "Phương tiện vận tải cần biển kiểm soát."));
            When(x => x.Type == CollateralType.CooperativeGuarantee, () =>
                RuleFor(x => x.MemberId).NotNull()
                    .Refuse("member_id.required", "Bảo lãnh của hợp tác xã được đăng ký cho thành viên vay được bảo lãnh: vui lòng chọn thành viên."));
            RuleFor(x => x.RegistrationOffice).OptionalText("registration_office", "cơ quan đăng ký biện pháp bảo đảm", TextLimits.Name);
            RuleFor(x => x.RegistrationNumber).OptionalText("registration_number", "số đăng ký biện pháp bảo đảm", TextLimits.Reference);
            When(x => x.HasRegistration, () =>
            {
                RuleFor(x => x.RegistrationOffice).Must(v => Optional(v) is not null)
                    .Refuse("registration_office.required", "Vui lòng nhập cơ quan đăng ký biện pháp bảo đảm (hoặc bỏ trống cả ba thông tin đăng ký).");
                RuleFor(x => x.RegistrationNumber).Must(v => Optional(v) is not null)
                    .Refuse("registration_number.required", "Vui lòng nhập số đăng ký biện pháp bảo đảm (hoặc bỏ trống cả ba thông tin đăng ký).");
                RuleFor(x => x.RegistrationDate).PastDate("registration_date", "ngày đăng ký biện pháp bảo đảm", today);
            });
        }
    }
}

public static class RegisterCollateralItemEndpoint
{
    /// <summary>The borrower exists in the user's fund: the cooperative (404 <c>cooperative.not_found</c>) and, for a member's
    /// item, the member in it (422 <c>member.not_found</c>).</summary>
    public static async Task<ProblemDetails> ValidateAsync(RegisterCollateralItem command, IQuerySession session, CancellationToken ct)
    {
        var cooperative = await session.LoadAsync<CooperativeDetails>(command.CooperativeId!.Value, ct);
        if (cooperative is null) return Cooperatives.GettingDetails.GetCooperativeEndpoint.NotFound(command.CooperativeId.Value);
        if (command.MemberId is { } member && cooperative.Members.All(m => m.MemberId != member))
            return Problems.Unprocessable("member.not_found", "Thành viên này không thuộc hợp tác xã đã chọn.");
        return WolverineContinue.NoProblems;
    }

    /// <summary>Registers a collateral item or guarantee: one new event stream. Answers 201 with its location.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/collateral-items", OperationId = "registerCollateralItem")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (CreationResponse<Guid>, IStartStream) Post(RegisterCollateralItem command, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var registered = Decide(command, Guid.CreateVersion7(), user.ToActor(), now, today);
        return (new CreationResponse<Guid>($"/api/collateral-items/{registered.ItemId}", registered.ItemId),
            MartenOps.StartStream<CollateralItem>(registered.ItemId, registered));
    }

    /// <summary>The pure decision: a validated command becomes the registration (its texts normalised).</summary>
    public static CollateralItemRegistered Decide(RegisterCollateralItem c, Guid id, Actor actor, Instant now, LocalDate today) =>
        new(id, c.CooperativeId!.Value, c.MemberId, c.Type!.Value, VietnameseText.Normalize(c.Owner), VietnameseText.Normalize(c.Description),
            Text(c.CertificateNumber), Text(c.ParcelNumber), Text(c.MapSheet), Text(c.RegistrationPlate),
            c.HasRegistration ? new SecuredTransactionRegistration(VietnameseText.Normalize(c.RegistrationOffice), VietnameseText.Normalize(c.RegistrationNumber),
                c.RegistrationDate!.Value) : null,
            actor, now, today);

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Normalize(text);
}
