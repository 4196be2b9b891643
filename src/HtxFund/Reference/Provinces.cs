using System.Collections.Frozen;
using System.Text;

namespace HtxFund.Reference;

/// <summary>
/// A provincial-level administrative unit in force since 1 July 2025.
/// <see cref="Code"/> is a stable ASCII slug (not the official numeric code), <see cref="Name"/> the short
/// Vietnamese name ("Đắk Lắk", "Hồ Chí Minh") and <see cref="Kind"/> "Tỉnh" or "Thành phố".
/// </summary>
public sealed record Province(string Code, string Name, string Kind)
{
    /// <summary>Name with its kind, as written in documents: "Tỉnh Đắk Lắk", "Thành phố Hồ Chí Minh".</summary>
    public string FullName => $"{Kind} {Name}";
}

/// <summary>A provincial-level unit that existed before 1 July 2025 and the current unit it became part of.</summary>
public sealed record FormerProvince(string Name, string Kind, Province MergedInto);

/// <summary>
/// The 34 provincial-level units (28 tỉnh, 6 thành phố trực thuộc trung ương) created by
/// Resolution 202/2025/QH15 of the National Assembly (adopted 12 June 2025, in force 1 July 2025), which
/// merged the previous 63 units; the district level was abolished at the same time (the 2025 amendment of the
/// Law on Organisation of Local Government). A merged unit keeps the name of one of its members.
/// <see cref="Find"/> also accepts each of the 63 pre-2025 names, which still appear on old documents and addresses.
/// Merger table cross-checked against https://vietnamnews.vn/politics-laws/1720781/viet-nam-sets-two-tier-local-government-system.html
/// and https://vietaustralia.com/en/official-new-map-of-vietnam-s-34-provinces-and-cities-after-the-2025-merger.html .
/// Codes are slugs rather than the official 2-digit codes of Decision 19/2025/QĐ-TTg, which were not verified here.
/// </summary>
public static class Provinces
{
    private const string Tinh = "Tỉnh";
    private const string ThanhPho = "Thành phố";

    // The current units; each entry lists the pre-2025 units merged into it (the first is the one whose name is kept).
    private static readonly (Province Province, (string Name, string Kind)[] Former)[] Table =
    [
        // Unchanged (11): Hà Nội, Huế, Lai Châu, Điện Biên, Sơn La, Lạng Sơn, Quảng Ninh, Thanh Hóa, Nghệ An, Hà Tĩnh, Cao Bằng.
        (new("ha-noi", "Hà Nội", ThanhPho), [("Hà Nội", ThanhPho)]),
        (new("hue", "Huế", ThanhPho), [("Huế", ThanhPho)]), // "Thừa Thiên Huế" until it became a centrally-run city on 1 January 2025
        (new("lai-chau", "Lai Châu", Tinh), [("Lai Châu", Tinh)]),
        (new("dien-bien", "Điện Biên", Tinh), [("Điện Biên", Tinh)]),
        (new("son-la", "Sơn La", Tinh), [("Sơn La", Tinh)]),
        (new("lang-son", "Lạng Sơn", Tinh), [("Lạng Sơn", Tinh)]),
        (new("quang-ninh", "Quảng Ninh", Tinh), [("Quảng Ninh", Tinh)]),
        (new("thanh-hoa", "Thanh Hóa", Tinh), [("Thanh Hóa", Tinh)]),
        (new("nghe-an", "Nghệ An", Tinh), [("Nghệ An", Tinh)]),
        (new("ha-tinh", "Hà Tĩnh", Tinh), [("Hà Tĩnh", Tinh)]),
        (new("cao-bang", "Cao Bằng", Tinh), [("Cao Bằng", Tinh)]),

        // Merged (23).
        (new("tuyen-quang", "Tuyên Quang", Tinh), [("Tuyên Quang", Tinh), ("Hà Giang", Tinh)]),
        (new("lao-cai", "Lào Cai", Tinh), [("Lào Cai", Tinh), ("Yên Bái", Tinh)]),
        (new("thai-nguyen", "Thái Nguyên", Tinh), [("Thái Nguyên", Tinh), ("Bắc Kạn", Tinh)]),
        (new("phu-tho", "Phú Thọ", Tinh), [("Phú Thọ", Tinh), ("Vĩnh Phúc", Tinh), ("Hòa Bình", Tinh)]),
        (new("bac-ninh", "Bắc Ninh", Tinh), [("Bắc Ninh", Tinh), ("Bắc Giang", Tinh)]),
        (new("hung-yen", "Hưng Yên", Tinh), [("Hưng Yên", Tinh), ("Thái Bình", Tinh)]),
        (new("hai-phong", "Hải Phòng", ThanhPho), [("Hải Phòng", ThanhPho), ("Hải Dương", Tinh)]),
        (new("ninh-binh", "Ninh Bình", Tinh), [("Ninh Bình", Tinh), ("Hà Nam", Tinh), ("Nam Định", Tinh)]),
        (new("quang-tri", "Quảng Trị", Tinh), [("Quảng Trị", Tinh), ("Quảng Bình", Tinh)]),
        (new("da-nang", "Đà Nẵng", ThanhPho), [("Đà Nẵng", ThanhPho), ("Quảng Nam", Tinh)]),
        (new("quang-ngai", "Quảng Ngãi", Tinh), [("Quảng Ngãi", Tinh), ("Kon Tum", Tinh)]),
        (new("gia-lai", "Gia Lai", Tinh), [("Gia Lai", Tinh), ("Bình Định", Tinh)]),
        (new("khanh-hoa", "Khánh Hòa", Tinh), [("Khánh Hòa", Tinh), ("Ninh Thuận", Tinh)]),
        (new("lam-dong", "Lâm Đồng", Tinh), [("Lâm Đồng", Tinh), ("Đắk Nông", Tinh), ("Bình Thuận", Tinh)]),
        (new("dak-lak", "Đắk Lắk", Tinh), [("Đắk Lắk", Tinh), ("Phú Yên", Tinh)]),
        (new("ho-chi-minh", "Hồ Chí Minh", ThanhPho), [("Hồ Chí Minh", ThanhPho), ("Bình Dương", Tinh), ("Bà Rịa - Vũng Tàu", Tinh)]),
        (new("dong-nai", "Đồng Nai", Tinh), [("Đồng Nai", Tinh), ("Bình Phước", Tinh)]),
        (new("tay-ninh", "Tây Ninh", Tinh), [("Tây Ninh", Tinh), ("Long An", Tinh)]),
        (new("can-tho", "Cần Thơ", ThanhPho), [("Cần Thơ", ThanhPho), ("Sóc Trăng", Tinh), ("Hậu Giang", Tinh)]),
        (new("vinh-long", "Vĩnh Long", Tinh), [("Vĩnh Long", Tinh), ("Bến Tre", Tinh), ("Trà Vinh", Tinh)]),
        (new("dong-thap", "Đồng Tháp", Tinh), [("Đồng Tháp", Tinh), ("Tiền Giang", Tinh)]),
        (new("ca-mau", "Cà Mau", Tinh), [("Cà Mau", Tinh), ("Bạc Liêu", Tinh)]),
        (new("an-giang", "An Giang", Tinh), [("An Giang", Tinh), ("Kiên Giang", Tinh)]),
    ];

    // Other spellings in common use, keyed by current province code.
    private static readonly (string Alias, string Code)[] ExtraAliases =
    [
        ("Thừa Thiên Huế", "hue"),
        ("Thừa Thiên - Huế", "hue"),
        ("Bắc Cạn", "thai-nguyen"),
        ("Đắc Lắc", "dak-lak"),
        ("Daklak", "dak-lak"),
        ("Đắc Nông", "lam-dong"),
        ("Daknong", "lam-dong"),
        ("Bà Rịa Vũng Tàu", "ho-chi-minh"),
        ("BRVT", "ho-chi-minh"),
        ("Vũng Tàu", "ho-chi-minh"),
        ("HCM", "ho-chi-minh"),
        ("TPHCM", "ho-chi-minh"),
        ("HCMC", "ho-chi-minh"),
        ("Sài Gòn", "ho-chi-minh"),
        ("Saigon", "ho-chi-minh"),
        ("HN", "ha-noi"),
        ("Hanoi", "ha-noi"),
        ("Danang", "da-nang"),
    ];

    /// <summary>The 34 current provincial-level units, in the order of Resolution 202/2025's unchanged-then-merged grouping.</summary>
    public static IReadOnlyList<Province> All { get; } = Table.Select(row => row.Province).ToArray();

    /// <summary>The 63 provincial-level units in force until 30 June 2025, each with the current unit it is now part of.</summary>
    public static IReadOnlyList<FormerProvince> Former { get; } =
        Table.SelectMany(row => row.Former.Select(f => new FormerProvince(f.Name, f.Kind, row.Province))).ToArray();

    // Declared before ByKey: static initialisers run in textual order and BuildIndex uses it.
    private static readonly string[] Prefixes = ["thanh pho ", "tinh ", "tp "];

    private static readonly FrozenDictionary<string, Province> ByKey = BuildIndex();

    /// <summary>The province with this slug <see cref="Province.Code"/> ("dak-lak"), or null.</summary>
    public static Province? ByCode(string? code) =>
        code is null ? null : All.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Finds the current province for a current or pre-2025 name. Matching ignores case, diacritics, punctuation
    /// and whitespace runs, and a leading "Tỉnh", "Thành phố", "TP." or "TP" prefix: "Dak Lak", "tỉnh Đắk Lắk",
    /// "Phú Yên" → Đắk Lắk; "Đắk Nông", "Bình Thuận" → Lâm Đồng; "TP. Hồ Chí Minh", "Ho Chi Minh", "Bình Dương" →
    /// Hồ Chí Minh. Returns null for empty or unknown names.
    /// </summary>
    public static Province? Find(string? nameOrAlias)
    {
        var key = Key(nameOrAlias);
        return key.Length > 0 && ByKey.TryGetValue(key, out var province) ? province : null;
    }

    private static FrozenDictionary<string, Province> BuildIndex()
    {
        var index = new Dictionary<string, Province>(StringComparer.Ordinal);

        void Add(string name, Province province)
        {
            var key = Key(name);
            if (index.TryGetValue(key, out var existing) && existing != province)
            {
                throw new InvalidOperationException($"Province alias '{name}' is ambiguous: {existing.Name} and {province.Name}.");
            }

            index[key] = province;
        }

        foreach (var (province, former) in Table)
        {
            Add(province.Name, province);
            Add(province.Code.Replace('-', ' '), province);
            foreach (var (name, _) in former)
            {
                Add(name, province);
            }
        }

        foreach (var (alias, code) in ExtraAliases)
        {
            Add(alias, All.Single(p => p.Code == code));
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Folded name, punctuation turned into spaces, kind prefix removed: "TP. Hồ Chí Minh" → "ho chi minh".</summary>
    private static string Key(string? name)
    {
        var folded = VietnameseText.Fold(name);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        var key = VietnameseText.Normalize(builder.ToString());
        foreach (var prefix in Prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                key = key[prefix.Length..];
                break;
            }
        }

        // "Đắk Lắk" and "Daklak", "Hồ Chí Minh" and "Hochiminh" are both written; compare without spaces.
        return key.Replace(" ", string.Empty, StringComparison.Ordinal);
    }
}
