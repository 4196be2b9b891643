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
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Borrowers.Declaring;

/// <summary>Declares that two borrowers of the fund are related persons (Decree 45/2021 Art 23.2.b).</summary>
public sealed record DeclareRelatedPartyLink(BorrowerRef? A, BorrowerRef? B, string? Kind, string? Note)
{
    public DeclareRelatedPartyLink Normalised() => this with
    {
        Kind = Kind?.Trim(), Note = string.IsNullOrWhiteSpace(Note) ? "" : VietnameseText.Normalize(Note),
    };

    public RelationKind? ParsedKind =>
        EnumText.Parse<RelationKind>(Kind?.Trim());

    public sealed class Validator : AbstractValidator<DeclareRelatedPartyLink>
    {
        public Validator()
        {
            RuleFor(x => x.A).NotNull().Refuse("a.required", "Vui lòng chọn người vay thứ nhất.");
            RuleFor(x => x.A!.CooperativeId).NotEmpty().When(x => x.A is not null)
                .Refuse("a.cooperative_id.required", "Vui lòng nhập mã tổ chức của người vay thứ nhất.");
            RuleFor(x => x.B).NotNull().Refuse("b.required", "Vui lòng chọn người vay thứ hai.");
            RuleFor(x => x.B!.CooperativeId).NotEmpty().When(x => x.B is not null)
                .Refuse("b.cooperative_id.required", "Vui lòng nhập mã tổ chức của người vay thứ hai.");
            RuleFor(x => x.Kind).NotEmpty().Refuse("kind.required", "Vui lòng chọn loại quan hệ.");
            RuleFor(x => x.Kind).Must((c, _) => c.ParsedKind is not null).When(x => !string.IsNullOrWhiteSpace(x.Kind))
                .Refuse("kind.unknown",
                    "Loại quan hệ phải là SameLegalRepresentative, MemberOfCooperative, FamilyMember, CommonOwnership hoặc Other.");
            RuleFor(x => x.Note).OptionalText("note", "ghi chú", TextLimits.Note);
            RuleFor(x => x.Note).Must(n => VietnameseText.Normalize(n).Length > 0).When(x => x.ParsedKind == RelationKind.Other)
                .Refuse("note.required", "Vui lòng mô tả quan hệ khi chọn loại Khác (Other).");
            RuleFor(x => x).Must(x => x.A != x.B).When(x => x.A is not null && x.B is not null).OverridePropertyName("b")
                .Refuse("related_link.self", "Không thể khai báo một người vay có quan hệ với chính mình.");
        }
    }
}

/// <summary>The two borrowers of a declaration as found in the fund (null: not found there).</summary>
public sealed record DeclaredBorrowers(BorrowerFound? A, BorrowerFound? B);

public static class DeclareRelatedPartyLinkEndpoint
{
    /// <summary>The fund's related-party stream (one per fund; tenant-scoped).</summary>
    public static Guid RegisterId() => RelatedParties.StreamId;

    public static async Task<DeclaredBorrowers> LoadAsync(DeclareRelatedPartyLink command, IQuerySession session, CancellationToken ct) =>
        new(command.A is { } a ? await BorrowerLookup.FindAsync(session, a, ct) : null,
            command.B is { } b ? await BorrowerLookup.FindAsync(session, b, ct) : null);

    /// <summary>404 for a borrower not in the fund; 409 for a link implied by membership or already in force.</summary>
    public static ProblemDetails Validate(DeclareRelatedPartyLink command, DeclaredBorrowers found,
        [Aggregate(Required = false, FromMethod = nameof(RegisterId))] RelatedPartyRegister? register) =>
        found.A is null ? BorrowerLookup.NotFound(command.A!)
        : found.B is null ? BorrowerLookup.NotFound(command.B!)
        : Refusal(command.Normalised(), register ?? new RelatedPartyRegister()) ?? WolverineContinue.NoProblems;

    /// <summary>Declares a link between two borrowers of the fund. Both must exist in the fund (a member within
    /// its cooperative); a link already in force, or already implied by membership, is refused.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director},{Roles.Admin}")]
    [WolverinePost("/api/borrowers/related-links", OperationId = "declareRelatedPartyLink")]
    [Tags("Người có liên quan")]
    [ProducesResponseType<RelatedPartyLink>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(DeclareRelatedPartyLink command,
        [Aggregate(Required = false, FromMethod = nameof(RegisterId))] RelatedPartyRegister? register, ClaimsPrincipal user, Instant now)
    {
        var e = Decide(command.Normalised(), register ?? new RelatedPartyRegister(), Guid.CreateVersion7(), user.ToActor(), now).Declared!;
        return (Results.Created($"/api/borrowers/related?cooperativeId={e.A.CooperativeId}{(e.A.MemberId is { } m ? $"&memberId={m}" : "")}",
            new RelatedPartyLink(e.LinkId, e.A, e.B, e.Kind, e.Note, e.By, e.At)), [e]);
    }

    /// <summary>A member and its own cooperative are related already; a link in force is declared once.</summary>
    public static ProblemDetails? Refusal(DeclareRelatedPartyLink c, RelatedPartyRegister register)
    {
        var (a, b, kind) = (c.A!, c.B!, c.ParsedKind!.Value);
        if (a.CooperativeId == b.CooperativeId && (a.IsMember != b.IsMember))
            return Problems.Conflict("related_link.implicit",
                "Thành viên và tổ chức của mình đã được coi là người có liên quan; không cần khai báo.");
        if (register.Links.FirstOrDefault(l => l.IsActive && l.SameAs(a, b, kind)) is { } existing)
            return Problems.Conflict("related_link.duplicate", "Quan hệ này đã được khai báo.",
                new Dictionary<string, object?> { ["existingLinkId"] = existing.LinkId });
        return null;
    }

    public sealed record Decision(ProblemDetails? Refusal, RelatedPartyLinkDeclared? Declared);

    /// <summary>The pure decision over a validated, normalised command (both borrowers known to exist) and the fund's links.</summary>
    public static Decision Decide(DeclareRelatedPartyLink c, RelatedPartyRegister register, Guid linkId, Actor actor, Instant now) =>
        Refusal(c, register) is { } refused ? new(refused, null)
        : new(null, new RelatedPartyLinkDeclared(linkId, c.A!, c.B!, c.ParsedKind!.Value, c.Note ?? "", actor, now));
}
