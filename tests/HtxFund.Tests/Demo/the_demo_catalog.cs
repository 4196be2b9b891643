using System.Globalization;
using HtxFund.Demo;
using HtxFund.Reference;

namespace HtxFund.Tests.Demo;

public class the_demo_catalog
{
    private static readonly string[] Tenants = ["daklak", "lamdong"];

    private static IEnumerable<DemoMember> AllMembers => DemoCatalog.Cooperatives.SelectMany(c => c.Members);

    [Fact]
    public void there_are_two_funds_in_provinces_that_resolve()
    {
        DemoCatalog.Funds.Select(f => f.TenantId).ShouldBe(Tenants);
        Provinces.Find(DemoCatalog.Funds[0].ProvinceName).ShouldNotBeNull().Code.ShouldBe("dak-lak");
        Provinces.Find(DemoCatalog.Funds[1].ProvinceName).ShouldNotBeNull().Code.ShouldBe("lam-dong");
        DemoCatalog.Funds[0].Name.ShouldBe("Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk");
        DemoCatalog.Funds[1].Name.ShouldBe("Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lâm Đồng");
        DemoCatalog.Funds.ShouldAllBe(f => f.CharterCapitalDong >= 20_000_000_000 && f.Letterhead.Length > 0);
    }

    [Fact]
    public void each_fund_has_twelve_cooperatives_with_at_least_two_groups_and_one_union()
    {
        DemoCatalog.Cooperatives.Count.ShouldBe(24);
        foreach (var tenant in Tenants)
        {
            var coops = DemoCatalog.Cooperatives.Where(c => c.TenantId == tenant).ToList();
            coops.Count.ShouldBe(12);
            coops.Count(c => c.Type == "ToHopTac").ShouldBeGreaterThanOrEqualTo(2);
            coops.Count(c => c.Type == "LienHiepHopTacXa").ShouldBeGreaterThanOrEqualTo(1);
            coops.Count(c => c.Type == "HopTacXa").ShouldBeGreaterThan(coops.Count / 2);
        }

        DemoCatalog.Cooperatives.ShouldAllBe(c => c.Type == "ToHopTac" || c.Type == "HopTacXa" || c.Type == "LienHiepHopTacXa");
    }

    [Fact]
    public void every_cooperative_has_a_valid_ten_digit_tax_code()
    {
        foreach (var coop in DemoCatalog.Cooperatives)
        {
            var check = TaxCode.Validate(coop.TaxCode);
            check.IsValid.ShouldBeTrue(coop.Name);
            check.IsDependentUnit.ShouldBeFalse(coop.Name);
            check.Normalised.ShouldBe(coop.TaxCode);
        }
    }

    [Fact]
    public void tax_codes_are_distinct_across_cooperatives_and_enterprise_members()
    {
        var codes = DemoCatalog.Cooperatives.Select(c => c.TaxCode)
            .Concat(AllMembers.Where(m => m.IsEnterprise).Select(m => m.TaxCode!))
            .ToList();

        codes.Distinct().Count().ShouldBe(codes.Count);
    }

    [Fact]
    public void member_counts_meet_the_legal_minimum()
    {
        foreach (var coop in DemoCatalog.Cooperatives)
        {
            // Law 17/2023/QH15 Art 4.21, 4.7, 4.8.
            var minimum = coop.Type switch { "ToHopTac" => 2, "HopTacXa" => 5, _ => 3 };
            coop.MemberCount.ShouldBeGreaterThanOrEqualTo(minimum, coop.Name);
            if (coop.Type == "ToHopTac")
            {
                coop.MemberCount.ShouldBeLessThanOrEqualTo(10, coop.Name);
            }
        }
    }

    [Fact]
    public void each_cooperative_lists_three_to_six_members_within_its_member_count()
    {
        foreach (var coop in DemoCatalog.Cooperatives)
        {
            coop.Members.Count.ShouldBeInRange(3, 6, coop.Name);
            coop.Members.Count.ShouldBeLessThanOrEqualTo(coop.MemberCount, coop.Name);
            coop.Members.Select(m => m.NationalId).Distinct().Count().ShouldBe(coop.Members.Count, coop.Name);
        }
    }

    [Fact]
    public void national_ids_are_twelve_digits_and_people_are_not_repeated()
    {
        AllMembers.ShouldAllBe(m => m.NationalId.Length == 12 && m.NationalId.All(char.IsAsciiDigit));

        var people = AllMembers.Where(m => m.TaxCode is null).ToList();
        people.Select(m => m.NationalId).Distinct().Count().ShouldBe(people.Count);
    }

    [Fact]
    public void every_cooperative_is_in_its_funds_province()
    {
        foreach (var coop in DemoCatalog.Cooperatives)
        {
            var fund = DemoCatalog.Funds.Single(f => f.TenantId == coop.TenantId);
            Provinces.Find(coop.Province).ShouldNotBeNull(coop.Name).ShouldBe(Provinces.Find(fund.ProvinceName), coop.Name);
        }
    }

    [Fact]
    public void registration_dates_are_iso_dates_in_the_past()
    {
        foreach (var coop in DemoCatalog.Cooperatives)
        {
            DateOnly.TryParseExact(coop.RegistrationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                .ShouldBeTrue(coop.Name);
            date.ShouldBeInRange(new DateOnly(2008, 1, 1), new DateOnly(2025, 12, 31));
        }
    }

    [Fact]
    public void each_fund_has_an_enterprise_member_with_a_valid_tax_code()
    {
        foreach (var tenant in Tenants)
        {
            var enterprise = DemoCatalog.Cooperatives.Where(c => c.TenantId == tenant)
                .SelectMany(c => c.Members).Where(m => m.IsEnterprise).ToList();
            enterprise.Count.ShouldBe(1);
            TaxCode.Validate(enterprise[0].TaxCode).IsValid.ShouldBeTrue();
        }

        AllMembers.Where(m => m.IsEnterprise).ShouldAllBe(m => m.TaxCode != null);
    }

    [Fact]
    public void a_union_s_members_are_cooperatives_of_the_same_fund()
    {
        foreach (var union in DemoCatalog.Cooperatives.Where(c => c.Type == "LienHiepHopTacXa"))
        {
            union.Members.Count.ShouldBe(union.MemberCount);
            foreach (var member in union.Members)
            {
                var coop = DemoCatalog.Cooperatives.SingleOrDefault(c => c.TaxCode == member.TaxCode).ShouldNotBeNull(member.FullName);
                coop.TenantId.ShouldBe(union.TenantId);
                coop.Type.ShouldBe("HopTacXa");
                member.FullName.ShouldBe(coop.Name);
            }
        }
    }

    [Fact]
    public void the_flags_are_mixed()
    {
        foreach (var tenant in Tenants)
        {
            var coops = DemoCatalog.Cooperatives.Where(c => c.TenantId == tenant).ToList();
            coops.Count(c => c.WomenManaged).ShouldBeInRange(2, 6);
            coops.Count(c => c.EthnicMinorityArea).ShouldBeInRange(3, 8);
            coops.Count(c => c.OcopProduct).ShouldBeInRange(2, 8);
            coops.Count(c => c.AgriculturalValueChain).ShouldBeInRange(4, 11);
            coops.Count(c => c.HighTech).ShouldBeInRange(1, 4);
        }
    }

    [Fact]
    public void all_text_is_nfc_and_contact_details_are_plausible()
    {
        foreach (var coop in DemoCatalog.Cooperatives)
        {
            string[] texts = [coop.Name, coop.Province, coop.District, coop.Address, coop.LegalRepresentative, coop.MainSector,
                .. coop.Members.Select(m => m.FullName)];
            texts.ShouldAllBe(t => VietnameseText.IsNfc(t) && VietnameseText.Normalize(t) == t);
            coop.ContactEmail.ShouldEndWith(".example");
            coop.Phone.ShouldStartWith("0");
            coop.Phone.Length.ShouldBeInRange(10, 11);
            coop.Phone.ShouldAllBe(c => char.IsAsciiDigit(c));
        }

        DemoCatalog.Cooperatives.Select(c => c.ContactEmail).Distinct().Count().ShouldBe(24);
        DemoCatalog.Cooperatives.Select(c => c.Name).Distinct().Count().ShouldBe(24);
    }

    [Fact]
    public void each_fund_has_one_user_per_role_and_enough_board_members_and_credit_officers()
    {
        string[] roles = ["Cooperative", "CreditOfficer", "Director", "BoardMember", "Accountant", "ChiefAccountant", "RiskCouncil", "Chairman", "Admin"];
        foreach (var tenant in Tenants)
        {
            var users = DemoCatalog.Users.Where(u => u.TenantId == tenant).ToList();
            users.Select(u => u.Role).Distinct().ShouldBe(roles, ignoreOrder: true);
            users.Count(u => u.Role == "BoardMember").ShouldBe(3);
            users.Count(u => u.Role == "CreditOfficer").ShouldBe(2);
            users.Count(u => u.Role == "RiskCouncil").ShouldBe(2);
            users.Count.ShouldBe(13);
            users.ShouldAllBe(u => u.UserName.StartsWith(tenant + "."));
            users.ShouldContain(u => u.UserName == $"{tenant}.board1");
            users.ShouldContain(u => u.UserName == $"{tenant}.credit");
            users.ShouldContain(u => u.UserName == $"{tenant}.admin");
        }

        DemoCatalog.Users.Select(u => u.UserName).Distinct().Count().ShouldBe(DemoCatalog.Users.Count);
        DemoCatalog.Users.ShouldAllBe(u => u.Password == "HtxFund@2026" && VietnameseText.IsNfc(u.DisplayName));
    }

    [Fact]
    public void the_cooperative_user_of_each_fund_is_bound_to_its_first_cooperative()
    {
        foreach (var tenant in Tenants)
        {
            var cooperativeUser = DemoCatalog.Users.Single(u => u.TenantId == tenant && u.Role == "Cooperative");
            var first = DemoCatalog.Cooperatives.First(c => c.TenantId == tenant);

            cooperativeUser.CooperativeTaxCode.ShouldBe(first.TaxCode);
            DemoCatalog.Cooperatives.Count(c => c.TaxCode == cooperativeUser.CooperativeTaxCode && c.TenantId == tenant).ShouldBe(1);
        }

        DemoCatalog.Users.Where(u => u.Role != "Cooperative").ShouldAllBe(u => u.CooperativeTaxCode == null);
    }
}
