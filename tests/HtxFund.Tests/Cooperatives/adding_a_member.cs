using HtxFund.Cooperatives;
using HtxFund.Cooperatives.AddingMembers;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Tests.Cooperatives;

public sealed class adding_a_member(AppFixture fixture) : CooperativeContext(fixture)
{
    [Fact]
    public async Task a_credit_officer_adds_an_individual_member()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        var nationalId = NewNationalId();

        var result = await Post($"/api/cooperatives/{id}/members", CooperativeScenarios.ValidMember(nationalId), token);

        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        var details = await (await Get($"/api/cooperatives/{id}", token)).Read<CooperativeDetails>();
        var member = details.Members.ShouldHaveSingleItem();
        member.FullName.ShouldBe("Nguyễn Thị Hoa");
        member.NationalId.ShouldBe(nationalId);
        member.Membership.ShouldBe(MembershipKind.Official);
        member.IsEnterprise.ShouldBeFalse();
        details.Version.ShouldBe(2);
    }

    [Fact]
    public async Task an_enterprise_member_is_recorded_with_its_tax_code()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        var taxCode = NewTaxCode();

        var result = await Post($"/api/cooperatives/{id}/members", new
        {
            fullName = "Công ty TNHH Nông sản Tây Nguyên", membership = "Associate", isEnterprise = true, organisationTaxCode = taxCode,
        }, token);

        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        var member = (await (await Get($"/api/cooperatives/{id}", token)).Read<CooperativeDetails>()).Members.Single();
        member.IsEnterprise.ShouldBeTrue();
        member.OrganisationTaxCode.ShouldBe(taxCode);
        member.Membership.ShouldBe(MembershipKind.Associate);
    }

    [Fact]
    public async Task the_same_person_cannot_join_twice()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        var nationalId = NewNationalId();
        await Post($"/api/cooperatives/{id}/members", CooperativeScenarios.ValidMember(nationalId), token);
        var before = await EventCount();

        var again = await Post($"/api/cooperatives/{id}/members", CooperativeScenarios.ValidMember(nationalId, "Tên khác"), token);

        again.Context.Response.StatusCode.ShouldBe(409);
        (await again.ProblemCode()).ShouldBe("cooperative.member_duplicate");
        (await EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("12345678901", "national_id.format")]
    [InlineData("12345678901A", "national_id.format")]
    [InlineData(null, "national_id.required")]
    public async Task a_malformed_national_id_is_refused(string? nationalId, string code)
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        var before = await EventCount();

        var result = await Post($"/api/cooperatives/{id}/members", CooperativeScenarios.ValidMember("x").With("nationalId", nationalId), token);

        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain(code);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_enterprise_member_without_a_tax_code_is_refused()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        var before = await EventCount();

        var result = await Post($"/api/cooperatives/{id}/members", new { fullName = "Công ty A", membership = "Associate", isEnterprise = true }, token);

        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("organisation_tax_code.required");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_unknown_membership_kind_is_refused()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        var result = await Post($"/api/cooperatives/{id}/members",
            CooperativeScenarios.ValidMember(NewNationalId()).With("membership", "Honorary"), token);
        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("membership.unknown");
    }

    [Fact]
    public async Task a_cooperative_user_adds_members_to_its_own_cooperative_only()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var own = await RegisteredCooperative(staff);
        var other = await RegisteredCooperative(staff);
        var coop = await TokenForUser(await CreateCooperativeUser(own));

        (await Post($"/api/cooperatives/{own}/members", CooperativeScenarios.ValidMember(NewNationalId()), coop))
            .Context.Response.StatusCode.ShouldBe(201);
        var before = await EventCount();
        var refused = await Post($"/api/cooperatives/{other}/members", CooperativeScenarios.ValidMember(NewNationalId()), coop);

        refused.Context.Response.StatusCode.ShouldBe(404);
        (await refused.ProblemCode()).ShouldBe("cooperative.not_found");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_member_cannot_be_added_to_a_cooperative_that_does_not_exist()
    {
        var result = await Post($"/api/cooperatives/{Guid.NewGuid()}/members", CooperativeScenarios.ValidMember(NewNationalId()),
            await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(404);
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public void the_decision_refuses_a_known_national_id_and_otherwise_records_the_member()
    {
        var id = Guid.NewGuid();
        var cooperative = Cooperative.Create(new CooperativeRegistered(id, "HTX", CooperativeType.HopTacXa, "0100109106",
            "Đắk Lắk", "X", "Y", new LocalDate(2020, 1, 1), "Z", 5, "S", PriorityFlags.None, null, null, Actor.System,
            AppFixture.Start, new LocalDate(2026, 11, 22)));
        var command = new AddCooperativeMember(" Lê  Văn C ", "0123 4567 8901", "official", false, null, null);
        var officer = Principals.Staff(Roles.CreditOfficer);

        AddCooperativeMemberEndpoint.Validate(id, command, cooperative, officer).ShouldBe(WolverineContinue.NoProblems);
        var (_, events) = AddCooperativeMemberEndpoint.Post(id, command, cooperative, officer, AppFixture.Start, new LocalDate(2026, 11, 22));
        var added = events.ShouldHaveSingleItem().ShouldBeOfType<CooperativeMemberAdded>();
        added.FullName.ShouldBe("Lê Văn C");
        added.NationalId.ShouldBe("012345678901");
        added.Membership.ShouldBe(MembershipKind.Official);
        added.AddedBy.UserId.ShouldBe(officer.UserId());
        added.AddedBy.Roles.ShouldBe([Roles.CreditOfficer]);

        var refused = AddCooperativeMemberEndpoint.Validate(id, command, cooperative.Apply(added), officer);
        refused.Status.ShouldBe(409);
        refused.Extensions["code"].ShouldBe("cooperative.member_duplicate");
    }

    [Fact]
    public void a_cooperative_user_is_refused_another_cooperative_as_not_found()
    {
        var cooperative = Cooperative.Create(new CooperativeRegistered(Guid.NewGuid(), "HTX", CooperativeType.HopTacXa, "0100109106",
            "Đắk Lắk", "X", "Y", new LocalDate(2020, 1, 1), "Z", 5, "S", PriorityFlags.None, null, null, Actor.System,
            AppFixture.Start, new LocalDate(2026, 11, 22)));
        var command = new AddCooperativeMember("Lê Văn C", "012345678901", "Official", false, null, null);

        var refused = AddCooperativeMemberEndpoint.Validate(cooperative.Id, command, cooperative, Principals.CooperativeUser(Guid.NewGuid()));

        refused.Status.ShouldBe(404);
        refused.Extensions["code"].ShouldBe("cooperative.not_found");
        AddCooperativeMemberEndpoint.Validate(cooperative.Id, command, null, Principals.Staff(Roles.CreditOfficer)).Status.ShouldBe(404);
    }
}
