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

namespace HtxFund.Borrowers.Declaring;

/// <summary>Declares that two borrowers of the fund are related persons (Decree 45/2021 Art 23.2.b).</summary>
public sealed record DeclareRelatedPartyLink(BorrowerRef? A, BorrowerRef? B, string? Kind, string? Note)
{
    public DeclareRelatedPartyLink Normalised() => this with
    {
        Kind = Kind?.Trim(), Note = string.IsNullOrWhiteSpace(Note) ? "" : VietnameseText.Normalize(Note),
    };

    public RelationKind? ParsedKind =>
        EnumText.Parse<RelationKind>(Kind);

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
            RuleFor(x => x.Kind).Must((c, _) => c.ParsedKind is not null).When(x => !string.IsNullOrEmpty(x.Kind))
                .Refuse("kind.unknown",
                    "Loại quan hệ phải là SameLegalRepresentative, MemberOfCooperative, FamilyMember, CommonOwnership hoặc Other.");
            RuleFor(x => x.Note).OptionalText("note", "ghi chú", TextLimits.Note);
            RuleFor(x => x.Note).NotEmpty().When(x => x.ParsedKind == RelationKind.Other)
                .Refuse("note.required", "Vui lòng mô tả quan hệ khi chọn loại Khác (Other).");
            RuleFor(x => x).Must(x => x.A != x.B).When(x => x.A is not null && x.B is not null).OverridePropertyName("b")
                .Refuse("related_link.self", "Không thể khai báo một người vay có quan hệ với chính mình.");
        }
    }
}

public static class DeclareRelatedPartyLinkEndpoint
{
    /// <summary>Declares a link between two borrowers of the fund. Both must exist in the fund (a member within
    /// its cooperative); a link already in force, or already implied by membership, is refused.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director},{Roles.Admin}")]
    [WolverinePost("/api/borrowers/related-links", OperationId = "declareRelatedPartyLink")]
    [Tags("Người có liên quan")]
    [ProducesResponseType<RelatedPartyLink>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(DeclareRelatedPartyLink command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new DeclareRelatedPartyLink.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        foreach (var borrower in new[] { c.A!, c.B! })
        {
            if (await BorrowerLookup.FindAsync(session, borrower, ct) is null) return Results.Problem(BorrowerLookup.NotFound(borrower));
        }

        var stream = await session.Events.FetchForWriting<RelatedPartyRegister>(RelatedParties.StreamId, ct);
        var decision = Decide(c, stream.Aggregate ?? new RelatedPartyRegister(), Guid.CreateVersion7(), user.ToActor(), time.Now);
        if (decision.Refusal is not null) return Results.Problem(decision.Refusal);
        stream.AppendOne(decision.Declared!);
        var e = decision.Declared!;
        return Results.Created($"/api/borrowers/related?cooperativeId={e.A.CooperativeId}{(e.A.MemberId is { } m ? $"&memberId={m}" : "")}",
            new RelatedPartyLink(e.LinkId, e.A, e.B, e.Kind, e.Note, e.By, e.At));
    }

    public sealed record Decision(ProblemDetails? Refusal, RelatedPartyLinkDeclared? Declared);

    /// <summary>The pure decision over a validated command (both borrowers known to exist) and the fund's links.</summary>
    public static Decision Decide(DeclareRelatedPartyLink c, RelatedPartyRegister register, Guid linkId, Actor actor, Instant now)
    {
        var (a, b, kind) = (c.A!, c.B!, c.ParsedKind!.Value);
        if (a.CooperativeId == b.CooperativeId && (a.IsMember != b.IsMember))
            return new(Problems.Conflict("related_link.implicit",
                "Thành viên và tổ chức của mình đã được coi là người có liên quan; không cần khai báo."), null);
        if (register.Links.FirstOrDefault(l => l.IsActive && l.SameAs(a, b, kind)) is { } existing)
            return new(Problems.Conflict("related_link.duplicate", "Quan hệ này đã được khai báo.",
                new Dictionary<string, object?> { ["existingLinkId"] = existing.LinkId }), null);
        return new(null, new RelatedPartyLinkDeclared(linkId, a, b, kind, c.Note ?? "", actor, now));
    }
}
