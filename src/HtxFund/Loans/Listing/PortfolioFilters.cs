using System.Security.Claims;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;

namespace HtxFund.Loans.Listing;

/// <summary>The portfolio's filters by responsible officer, district, sector and priority group (GET /api/loans and its
/// CSV export, the portfolio page): parsing the query string and matching one loan.</summary>
public static class PortfolioFilters
{
    /// <summary>The priority group keys (the application list's), and <c>none</c> for a loan in no priority group.</summary>
    public static readonly (string Key, Func<PriorityFlags, bool> Has)[] PriorityKeys =
    [
        ("womenManaged", f => f.WomenManaged),
        ("ethnicMinorityArea", f => f.EthnicMinorityArea),
        ("ocopProduct", f => f.OcopProduct),
        ("agriculturalValueChain", f => f.AgriculturalValueChain),
        ("highTech", f => f.HighTech),
        ("none", f => !(f.WomenManaged || f.EthnicMinorityArea || f.OcopProduct || f.AgriculturalValueChain || f.HighTech)),
    ];

    /// <summary>Adds the filters to <paramref name="query"/> (null when an earlier check failed); <paramref name="officer"/>
    /// is a user id, <c>me</c> (the signed-in user) or <c>none</c>. Refusals go to <paramref name="errors"/>.</summary>
    public static ListLoansEndpoint.Query? Check(ListLoansEndpoint.Query? query, string? officer, string? district, string? sector, string? priority,
        ClaimsPrincipal user, List<FieldError> errors)
    {
        Guid? officerId = null;
        var none = false;
        if (officer is { Length: > 0 })
        {
            if (officer.Equals("none", StringComparison.OrdinalIgnoreCase)) none = true;
            else if (officer.Equals("me", StringComparison.OrdinalIgnoreCase)) officerId = user.UserId();
            else if (Guid.TryParse(officer, out var id)) officerId = id;
            else errors.Add(new FieldError("officer", "officer.format", "Cán bộ tín dụng phải là mã người dùng, \"me\" hoặc \"none\"."));
        }
        string? key = null;
        if (priority is { Length: > 0 })
        {
            key = PriorityKeys.Select(k => k.Key).FirstOrDefault(k => k.Equals(priority, StringComparison.OrdinalIgnoreCase));
            if (key is null)
                errors.Add(new FieldError("priority", "priority.unknown",
                    $"Nhóm ưu tiên phải là một trong: {string.Join(", ", PriorityKeys.Select(k => k.Key))}."));
        }
        var d = VietnameseText.Normalize(district);
        var s = VietnameseText.Normalize(sector);
        if (d.Length > TextLimits.Name) errors.Add(new FieldError("district", "district.too_long", $"Tên huyện không được dài quá {TextLimits.Name} ký tự."));
        if (s.Length > TextLimits.Name) errors.Add(new FieldError("sector", "sector.too_long", $"Tên ngành không được dài quá {TextLimits.Name} ký tự."));
        if (query is null || errors.Count > 0) return null;
        return query with
        {
            Officer = officerId, WithoutOfficer = none, District = d.Length > 0 ? d : null, Sector = s.Length > 0 ? s : null, Priority = key,
        };
    }

    /// <summary>Whether a loan of <paramref name="district"/> and <paramref name="sector"/> whose application and
    /// cooperative record these priority flags passes the query's district, sector and priority filters.</summary>
    public static bool Matches(ListLoansEndpoint.Query q, string district, string sector, PriorityFlags? application, PriorityFlags? cooperative)
    {
        if (q.District is { } d && !Same(d, district)) return false;
        if (q.Sector is { } s && !Same(s, sector)) return false;
        if (q.Priority is { } key)
        {
            var a = application ?? PriorityFlags.None;
            var c = cooperative ?? PriorityFlags.None;
            var flags = new PriorityFlags(a.WomenManaged || c.WomenManaged, a.EthnicMinorityArea || c.EthnicMinorityArea, a.OcopProduct || c.OcopProduct,
                a.AgriculturalValueChain || c.AgriculturalValueChain, a.HighTech || c.HighTech);
            if (!PriorityKeys.First(k => k.Key == key).Has(flags)) return false;
        }
        return true;
    }

    private static bool Same(string wanted, string value) =>
        string.Equals(wanted, VietnameseText.Normalize(value), StringComparison.InvariantCultureIgnoreCase);
}
