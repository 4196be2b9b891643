using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Cooperatives.Registering;
using HtxFund.Identity;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Cooperatives;

public sealed class registering_a_cooperative(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<Microsoft.AspNetCore.Mvc.ProblemDetails?> RegisterExpectingRefusal(
        Dictionary<string, object?> body, int status, string code)
    {
        var before = await EventCount();
        var result = await Post("/api/cooperatives", body, await TokenFor(Roles.CreditOfficer));
        await result.ShouldBeRefusal(status, code);
        (await EventCount()).ShouldBe(before, "a refused command appends no event");
        return null;
    }

    [Fact]
    public async Task a_credit_officer_registers_a_cooperative_and_reads_it_back()
    {
        var taxCode = NewTaxCode();
        var token = await TokenFor(Roles.CreditOfficer);

        var created = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(taxCode), token);

        created.Context.Response.StatusCode.ShouldBe(201, await created.ReadAsTextAsync());
        var location = created.Context.Response.Headers.Location.ToString();
        location.ShouldStartWith("/api/cooperatives/");
        var details = await (await Get(location, token)).Read<CooperativeDetails>();
        details.Name.ShouldBe("Hợp tác xã Nông nghiệp Cà phê Ea Tu");
        details.Type.ShouldBe(CooperativeType.HopTacXa);
        details.TaxCode.ShouldBe(taxCode);
        details.Province.ShouldBe("Đắk Lắk");
        details.RegistrationDate.ShouldBe(new LocalDate(2019, 3, 15));
        details.MemberCount.ShouldBe(27);
        details.Priority.ShouldBe(new PriorityFlags(false, true, true, true, false));
        details.RegisteredAt.ShouldBe(AppFixture.Start);
        (await EventCount()).ShouldBe(1);
    }

    [Fact]
    public async Task the_event_records_who_registered_it_and_the_business_date()
    {
        var created = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), await TokenFor(Roles.Admin));
        var id = Guid.Parse(created.Context.Response.Headers.Location.ToString().Split('/').Last());

        await using var session = Store.QuerySession(FundA);
        var events = await session.Events.FetchStreamAsync(id);
        var registered = events.Single().Data.ShouldBeOfType<CooperativeRegistered>();
        registered.RegisteredBy.UserName.ShouldBe(UserName(FundA, Roles.Admin));
        registered.RegisteredBy.Roles.ShouldBe([Roles.Admin]);
        registered.RegisteredAt.ShouldBe(AppFixture.Start);
        registered.BusinessDate.ShouldBe(new LocalDate(2026, 11, 22));
    }

    [Fact]
    public async Task a_province_written_without_diacritics_or_by_its_former_name_is_stored_under_its_current_name()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var plain = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "dak lak"), token);
        var former = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Phú Yên"), token);

        (await (await Get(plain.Context.Response.Headers.Location!, token)).Read<CooperativeDetails>()).Province.ShouldBe("Đắk Lắk");
        (await (await Get(former.Context.Response.Headers.Location!, token)).Read<CooperativeDetails>()).Province.ShouldBe("Đắk Lắk");
    }

    [Fact]
    public async Task decomposed_unicode_and_stray_whitespace_are_normalised_rather_than_refused()
    {
        var decomposed = "Hợp tác xã  Cà phê\tEa Tu".Normalize(System.Text.NormalizationForm.FormD);
        var token = await TokenFor(Roles.CreditOfficer);

        var created = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()).With("name", decomposed), token);

        created.Context.Response.StatusCode.ShouldBe(201);
        var details = await (await Get(created.Context.Response.Headers.Location!, token)).Read<CooperativeDetails>();
        details.Name.ShouldBe("Hợp tác xã Cà phê Ea Tu");
        details.Name.IsNormalized(System.Text.NormalizationForm.FormC).ShouldBeTrue();
    }

    [Fact]
    public async Task a_dependent_unit_code_with_a_branch_suffix_is_accepted()
    {
        var branch = NewTaxCode() + "-001";
        var created = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(branch), await TokenFor(Roles.CreditOfficer));
        created.Context.Response.StatusCode.ShouldBe(201, await created.ReadAsTextAsync());
    }

    [Fact]
    public async Task a_duplicate_tax_code_is_refused_with_409_and_the_existing_id()
    {
        var taxCode = NewTaxCode();
        var token = await TokenFor(Roles.CreditOfficer);
        var first = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(taxCode), token);
        var existingId = first.Context.Response.Headers.Location.ToString().Split('/').Last();
        var before = await EventCount();

        var second = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(taxCode, "Một tên khác"), token);

        second.Context.Response.StatusCode.ShouldBe(409);
        var json = await second.ReadJson();
        json.GetProperty("code").GetString().ShouldBe("cooperative.duplicate_tax_code");
        json.GetProperty("existingId").GetString().ShouldBe(existingId);
        json.GetProperty("detail").GetString()!.ShouldContain(taxCode);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_same_tax_code_may_be_registered_in_another_fund()
    {
        var taxCode = NewTaxCode();
        (await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(taxCode), await TokenFor(Roles.CreditOfficer)))
            .Context.Response.StatusCode.ShouldBe(201);
        (await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(taxCode).With("province", "Lâm Đồng"),
                await TokenFor(Roles.CreditOfficer, FundB)))
            .Context.Response.StatusCode.ShouldBe(201);
    }

    [Theory]
    [InlineData("01001091", "tax_code.format")]
    [InlineData("01001091067", "tax_code.format")]
    [InlineData("010010910A", "tax_code.format")]
    [InlineData("0100109107", "tax_code.check_digit")]
    [InlineData("0100109106-000", "tax_code.branch_suffix")]
    [InlineData("", "tax_code.required")]
    public Task a_malformed_tax_code_is_refused(string taxCode, string code) =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(taxCode), 400, code);

    [Theory]
    [InlineData("ToHopTac", 1)]
    [InlineData("HopTacXa", 4)]
    [InlineData("LienHiepHopTacXa", 2)]
    public Task a_member_count_below_the_legal_minimum_is_refused(string type, int members) =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).With("type", type).With("memberCount", members),
            400, "member_count.below_legal_minimum");

    [Theory]
    [InlineData("ToHopTac", 2)]
    [InlineData("HopTacXa", 5)]
    [InlineData("LienHiepHopTacXa", 3)]
    public async Task the_legal_minimum_member_count_itself_is_accepted(string type, int members)
    {
        var result = await Post("/api/cooperatives",
            CooperativeScenarios.ValidRegistration(NewTaxCode()).With("type", type).With("memberCount", members),
            await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
    }

    [Fact]
    public Task an_unknown_province_is_refused() =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Tỉnh Atlantis"), 400, "province.unknown");

    [Fact]
    public Task an_unknown_type_is_refused() =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).With("type", "CongTy"), 400, "type.unknown");

    [Theory]
    [InlineData("name", "name.required")]
    [InlineData("type", "type.required")]
    [InlineData("taxCode", "tax_code.required")]
    [InlineData("province", "province.required")]
    [InlineData("district", "district.required")]
    [InlineData("address", "address.required")]
    [InlineData("registrationDate", "registration_date.required")]
    [InlineData("legalRepresentative", "legal_representative.required")]
    [InlineData("memberCount", "member_count.required")]
    [InlineData("mainSector", "main_sector.required")]
    public Task a_missing_required_field_is_refused(string field, string code) =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).Without(field), 400, code);

    [Theory]
    // TextLimits by kind of field: names 200, descriptions 500
    [InlineData("name", 201, "name.too_long")]
    [InlineData("address", 501, "address.too_long")]
    [InlineData("legalRepresentative", 201, "legal_representative.too_long")]
    [InlineData("district", 201, "district.too_long")]
    [InlineData("mainSector", 201, "main_sector.too_long")]
    public Task an_over_long_string_is_refused(string field, int length, string code) =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).With(field, new string('ạ', length)), 400, code);

    [Fact]
    public Task a_registration_date_in_the_future_is_refused() =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).With("registrationDate", "2026-11-23"),
            400, "registration_date.in_future");

    [Fact]
    public Task a_malformed_email_is_refused() =>
        RegisterExpectingRefusal(CooperativeScenarios.ValidRegistration(NewTaxCode()).With("contactEmail", "không-phải-email"),
            400, "contact_email.format");

    [Fact]
    public async Task every_refusal_of_one_request_is_reported_at_once_with_vietnamese_messages()
    {
        var body = CooperativeScenarios.ValidRegistration("123").Without("name").With("province", "Nowhere");
        var result = await Post("/api/cooperatives", body, await TokenFor(Roles.CreditOfficer));

        result.Context.Response.StatusCode.ShouldBe(400);
        var json = await result.ReadJson();
        json.GetProperty("code").GetString().ShouldBe("validation_failed");
        json.GetProperty("title").GetString().ShouldBe("Dữ liệu không hợp lệ");
        var errors = json.GetProperty("errors");
        errors.GetProperty("name")[0].GetString().ShouldBe("Vui lòng nhập tên tổ chức.");
        errors.TryGetProperty("taxCode", out _).ShouldBeTrue();
        errors.TryGetProperty("province", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task malformed_json_is_refused_with_a_problem_and_appends_nothing()
    {
        var result = await PostText("/api/cooperatives", "{\"name\": \"HTX\", ", await TokenFor(Roles.CreditOfficer));

        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ProblemCode()).ShouldStartWith("request.");
        (await EventCount()).ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.Director)]
    [InlineData(Roles.Accountant)]
    [InlineData(Roles.BoardMember)]
    public async Task roles_that_do_not_register_cooperatives_get_403(string role)
    {
        var result = await Post("/api/cooperatives", CooperativeScenarios.ValidRegistration(NewTaxCode()), await TokenFor(role));
        result.Context.Response.StatusCode.ShouldBe(403);
        (await result.ProblemCode()).ShouldBe("forbidden");
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public void the_decision_turns_a_normalised_command_into_the_registration_event()
    {
        var actor = new Actor(Guid.NewGuid(), "co", [Roles.CreditOfficer]);
        var command = new RegisterCooperative("HTX A", "hoptacxa", " 0100109106 ", "Lam Dong", "Đà Lạt", "Số 1", new LocalDate(2020, 1, 2),
            "Trần Văn B", 9, "Rau", null, null, null).Normalised();

        var e = RegisterCooperativeEndpoint.Decide(command, Guid.Empty, actor, AppFixture.Start, new LocalDate(2026, 11, 22));

        e.Type.ShouldBe(CooperativeType.HopTacXa);
        e.TaxCode.ShouldBe("0100109106");
        e.Province.ShouldBe("Lâm Đồng");
        e.Priority.ShouldBe(PriorityFlags.None);
        e.RegisteredBy.ShouldBe(actor);
    }
}
