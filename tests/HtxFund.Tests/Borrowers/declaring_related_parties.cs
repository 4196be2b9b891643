using HtxFund.Borrowers;
using HtxFund.Borrowers.GettingRelated;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Borrowers;

public sealed class declaring_related_parties(AppFixture fixture) : CooperativeContext(fixture)
{
    private const string Links = "/api/borrowers/related-links";

    private async Task<Guid> Member(Guid cooperativeId, string token, string name = "Nguyễn Thị Hoa")
    {
        var result = await Post($"/api/cooperatives/{cooperativeId}/members", CooperativeScenarios.ValidMember(NewNationalId(), name), token);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<CooperativeMemberView>()).MemberId;
    }

    private static object Link(BorrowerRef a, BorrowerRef b, string kind = "SameLegalRepresentative", string? note = "Cùng người đại diện Y Bhơi Niê") =>
        new { a, b, kind, note };

    private async Task<RelatedPartyLink> Declared(object body, string token)
    {
        var result = await Post(Links, body, token);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return await result.Read<RelatedPartyLink>();
    }

    private async Task<IReadOnlySet<BorrowerRef>> GroupOf(BorrowerRef borrower, string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return await RelatedParties.GroupOfAsync(session, borrower, default);
    }

    private async Task RefusedWith(object body, int status, string code, string? token = null)
    {
        var before = await EventCount();
        var result = await Post(Links, body, token ?? await TokenFor(Roles.CreditOfficer));
        await result.ShouldBeRefusal(status, code);
        (await EventCount()).ShouldBe(before, "a refused command appends no event");
    }

    [Fact]
    public async Task a_declared_link_and_membership_make_the_related_group()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = await RegisteredCooperative(token);
        var b = await RegisteredCooperative(token, CooperativeScenarios.ValidRegistration(NewTaxCode(), "Hợp tác xã Dịch vụ Nông nghiệp Krông Pắc"));
        var hoa = await Member(a, token);
        var lan = await Member(b, token, "Trần Thị Lan");
        var coopA = new BorrowerRef(a);
        var coopB = new BorrowerRef(b);
        var memberHoa = new BorrowerRef(a, hoa);
        var memberLan = new BorrowerRef(b, lan);

        var link = await Declared(Link(coopA, coopB), token);
        await Declared(Link(memberHoa, memberLan, "FamilyMember", "Hai chị em ruột"), await TokenFor(Roles.Director));

        link.Kind.ShouldBe(RelationKind.SameLegalRepresentative);
        link.DeclaredBy.UserName.ShouldBe(UserName(FundA, Roles.CreditOfficer));
        (await GroupOf(coopA)).ShouldBe(new HashSet<BorrowerRef> { coopA, coopB, memberHoa }, ignoreOrder: true);
        (await GroupOf(memberHoa)).ShouldBe(new HashSet<BorrowerRef> { memberHoa, coopA, memberLan }, ignoreOrder: true);
        (await GroupOf(memberLan)).ShouldBe(new HashSet<BorrowerRef> { memberLan, coopB, memberHoa }, ignoreOrder: true);

        var related = await (await Get($"/api/borrowers/related?cooperativeId={a}", await TokenFor(Roles.Accountant))).Read<RelatedBorrowers>();
        related.Key.ShouldBe($"coop:{a}");
        related.Name.ShouldBe("Hợp tác xã Nông nghiệp Cà phê Ea Tu");
        related.Related.Select(r => r.Borrower).ShouldBe(new[] { coopB, memberHoa }, ignoreOrder: true);
        var viaLink = related.Related.Single(r => r.Borrower == coopB);
        viaLink.Name.ShouldBe("Hợp tác xã Dịch vụ Nông nghiệp Krông Pắc");
        viaLink.Relations.ShouldBe(new[] { new Relation(RelationKind.SameLegalRepresentative, false, link.LinkId, "Cùng người đại diện Y Bhơi Niê") });
        var implicitMember = related.Related.Single(r => r.Borrower == memberHoa);
        implicitMember.Key.ShouldBe($"member:{a}:{hoa}");
        implicitMember.Relations.ShouldBe(new[] { new Relation(RelationKind.MemberOfCooperative, true, null, null) });

        var ofHoa = await (await Get($"/api/borrowers/related?cooperativeId={a}&memberId={hoa}", token)).Read<RelatedBorrowers>();
        ofHoa.Name.ShouldBe("Nguyễn Thị Hoa");
        ofHoa.Related.Select(r => r.Borrower).ShouldBe(new[] { coopA, memberLan }, ignoreOrder: true);
    }

    [Fact]
    public async Task relations_are_direct_not_transitive()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = new BorrowerRef(await RegisteredCooperative(token));
        var b = new BorrowerRef(await RegisteredCooperative(token));
        var c = new BorrowerRef(await RegisteredCooperative(token));
        await Declared(Link(a, b), token);
        await Declared(Link(b, c, "CommonOwnership", null), token);

        (await GroupOf(a)).ShouldBe(new HashSet<BorrowerRef> { a, b }, ignoreOrder: true);
        (await GroupOf(b)).ShouldBe(new HashSet<BorrowerRef> { a, b, c }, ignoreOrder: true);
    }

    [Fact]
    public async Task a_removed_link_leaves_the_group_and_removing_it_again_changes_nothing()
    {
        var token = await TokenFor(Roles.Admin);
        var a = new BorrowerRef(await RegisteredCooperative(token));
        var b = new BorrowerRef(await RegisteredCooperative(token));
        var link = await Declared(Link(a, b), token);

        var removed = await Post($"{Links}/{link.LinkId}/remove", new { reason = "Đã thay người đại diện theo pháp luật" }, token);

        removed.Context.Response.StatusCode.ShouldBe(200, await removed.ReadAsTextAsync());
        var body = await removed.Read<RelatedPartyLink>();
        body.IsActive.ShouldBeFalse();
        body.RemovalReason.ShouldBe("Đã thay người đại diện theo pháp luật");
        (await GroupOf(a)).ShouldBe(new HashSet<BorrowerRef> { a }, ignoreOrder: true);
        var before = await EventCount();
        (await Post($"{Links}/{link.LinkId}/remove", new { reason = "Lần nữa" }, token)).Context.Response.StatusCode.ShouldBe(200);
        (await EventCount()).ShouldBe(before);
        // the pair may be declared again once the earlier link is removed
        await Declared(Link(b, a), token);
        (await GroupOf(a)).ShouldBe(new HashSet<BorrowerRef> { a, b }, ignoreOrder: true);
    }

    [Fact]
    public async Task a_link_to_itself_a_duplicate_and_a_link_implied_by_membership_are_refused()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = await RegisteredCooperative(token);
        var b = await RegisteredCooperative(token);
        var hoa = await Member(a, token);
        await Declared(Link(new BorrowerRef(a), new BorrowerRef(b)), token);

        await RefusedWith(Link(new BorrowerRef(a), new BorrowerRef(a)), 400, "related_link.self");
        await RefusedWith(Link(new BorrowerRef(a, hoa), new BorrowerRef(a, hoa)), 400, "related_link.self");
        await RefusedWith(Link(new BorrowerRef(b), new BorrowerRef(a)), 409, "related_link.duplicate");
        await RefusedWith(Link(new BorrowerRef(a, hoa), new BorrowerRef(a), "MemberOfCooperative", null), 409, "related_link.implicit");
    }

    [Fact]
    public async Task both_borrowers_must_exist_in_the_fund()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = await RegisteredCooperative(token);
        var b = await RegisteredCooperative(token);
        var lan = await Member(b, token);
        var elsewhere = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer, FundB));

        await RefusedWith(Link(new BorrowerRef(a), new BorrowerRef(Guid.NewGuid())), 404, "borrower.not_found");
        await RefusedWith(Link(new BorrowerRef(a), new BorrowerRef(a, lan)), 404, "borrower.not_found");
        await RefusedWith(Link(new BorrowerRef(a), new BorrowerRef(elsewhere)), 404, "borrower.not_found");
        (await Get($"/api/borrowers/related?cooperativeId={elsewhere}", token)).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task malformed_declarations_are_refused_with_a_code()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = new BorrowerRef(await RegisteredCooperative(token));
        var b = new BorrowerRef(await RegisteredCooperative(token));

        await RefusedWith(Link(a, b, "Friendship"), 400, "kind.unknown");
        await RefusedWith(Link(a, b, "Other", null), 400, "note.required");
        await RefusedWith(new { a, kind = "FamilyMember" }, 400, "b.required");
        await RefusedWith(new { a, b = new { cooperativeId = Guid.Empty }, kind = "FamilyMember" }, 400, "b.cooperative_id.required");
        (await Get("/api/borrowers/related", token)).Context.Response.StatusCode.ShouldBe(400);
        (await Post($"{Links}/{Guid.NewGuid()}/remove", new { }, token)).Context.Response.StatusCode.ShouldBe(400);
    }

    [Fact]
    public async Task a_link_of_another_fund_is_not_found_and_its_group_is_invisible()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = new BorrowerRef(await RegisteredCooperative(token));
        var b = new BorrowerRef(await RegisteredCooperative(token));
        var link = await Declared(Link(a, b), token);
        var before = await EventCount();

        var result = await Post($"{Links}/{link.LinkId}/remove", new { reason = "Thử" }, await TokenFor(Roles.Admin, FundB));

        result.Context.Response.StatusCode.ShouldBe(404);
        (await result.ProblemCode()).ShouldBe("related_link.not_found");
        (await EventCount()).ShouldBe(before);
        (await GroupOf(a, FundB)).ShouldBe(new HashSet<BorrowerRef> { a }, ignoreOrder: true);
    }

    [Fact]
    public async Task only_credit_officers_directors_and_admins_declare_and_only_staff_read()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var a = new BorrowerRef(await RegisteredCooperative(token));
        var b = new BorrowerRef(await RegisteredCooperative(token));
        var before = await EventCount();
        foreach (var role in new[] { Roles.Accountant, Roles.BoardMember, Roles.ChiefAccountant, Roles.RiskCouncil })
            (await Post(Links, Link(a, b), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
        (await EventCount()).ShouldBe(before);
        var cooperative = await TokenForUser(await CreateCooperativeUser(a.CooperativeId));
        (await Get($"/api/borrowers/related?cooperativeId={a.CooperativeId}", cooperative)).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public void the_group_rule_adds_linked_borrowers_and_the_cooperative_member_relation()
    {
        var coop = Guid.NewGuid();
        var member = Guid.NewGuid();
        var other = new BorrowerRef(Guid.NewGuid());
        var removed = new BorrowerRef(Guid.NewGuid());
        var register = new RelatedPartyRegister()
            .Apply(new RelatedPartyLinkDeclared(Guid.NewGuid(), other, new BorrowerRef(coop), RelationKind.CommonOwnership, "", Actor.System, AppFixture.Start))
            .Apply(new RelatedPartyLinkDeclared(Guid.NewGuid(), new BorrowerRef(coop), removed, RelationKind.Other, "x", Actor.System, AppFixture.Start));
        register = register.Apply(new RelatedPartyLinkRemoved(register.Links[1].LinkId, "sai", Actor.System, AppFixture.Start));
        var details = new CooperativeDetails
        {
            Id = coop, Name = "HTX", TaxCode = "0100109106", Province = "Đắk Lắk", District = "X", Address = "Y", LegalRepresentative = "Z",
            MainSector = "S", Priority = HtxFund.Cooperatives.PriorityFlags.None,
            Members = [new CooperativeMemberView(member, "Hoa", "012345678901", HtxFund.Cooperatives.MembershipKind.Official, false, null, null, AppFixture.Start)],
        };

        RelatedParties.GroupOf(register, details, new BorrowerRef(coop))
            .ShouldBe(new HashSet<BorrowerRef> { new(coop), other, new(coop, member) }, ignoreOrder: true);
        RelatedParties.GroupOf(register, details, new BorrowerRef(coop, member))
            .ShouldBe(new HashSet<BorrowerRef> { new(coop, member), new(coop) }, ignoreOrder: true);
        new BorrowerRef(coop, member).Key().ShouldBe($"member:{coop}:{member}");
        new BorrowerRef(coop).Key().ShouldBe($"coop:{coop}");
    }
}
