using HtxFund.Tests.Support;

namespace HtxFund.Tests.Cooperatives.Fixtures;

/// <summary>Valid requests to start from; tests change one thing at a time.</summary>
public static class CooperativeScenarios
{
    public static Dictionary<string, object?> ValidRegistration(string taxCode, string name = "Hợp tác xã Nông nghiệp Cà phê Ea Tu") => new()
    {
        ["name"] = name,
        ["type"] = "HopTacXa",
        ["taxCode"] = taxCode,
        ["province"] = "Đắk Lắk",
        ["district"] = "Thành phố Buôn Ma Thuột",
        ["address"] = "Thôn 4, xã Ea Tu, thành phố Buôn Ma Thuột",
        ["registrationDate"] = "2019-03-15",
        ["legalRepresentative"] = "Y Bhơi Niê",
        ["memberCount"] = 27,
        ["mainSector"] = "Trồng và chế biến cà phê",
        ["priority"] = new { womenManaged = false, ethnicMinorityArea = true, ocopProduct = true, agriculturalValueChain = true, highTech = false },
        ["contactEmail"] = "htx.eatu@example.vn",
        ["phone"] = "0262 3855 123",
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [key] = value };
        return copy;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> body, string key)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(key);
        return copy;
    }

    public static Dictionary<string, object?> ValidMember(string nationalId, string name = "Nguyễn Thị Hoa") => new()
    {
        ["fullName"] = name,
        ["nationalId"] = nationalId,
        ["membership"] = "Official",
        ["isEnterprise"] = false,
    };
}
