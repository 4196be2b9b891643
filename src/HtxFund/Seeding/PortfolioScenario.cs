using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Lending;
using HtxFund.Reference;
using NodaTime;

namespace HtxFund.Seeding;

/// <summary>The size and shape of a seeded portfolio. Everything drawn from <see cref="RandomSeed"/>: the same options give
/// the same funds, cooperatives, loans, ids and business dates, event for event.</summary>
/// <remarks>Borrowers: ~5 % default, <see cref="RestructuredShare"/> are restructured once, ~13 % pay late, the rest on time.</remarks>
public sealed record PortfolioOptions(int Funds, int Cooperatives, int Loans, int Months, LocalDate Until, int RandomSeed = 2026,
    double RestructuredShare = 0.02)
{
    public LocalDate From => Until.PlusMonths(-Months);
}

/// <summary>How a borrower pays over the history.</summary>
public enum PayerKind { OnTime, Late, Defaulter, Restructured }

/// <summary>Deterministic random draws and ids for the seeder (System.Random with a fixed seed is stable within a .NET version).</summary>
public sealed class SeedRandom(int seed)
{
    private readonly Random random = new(seed);

    public int Next(int maxExclusive) => random.Next(maxExclusive);
    public int Between(int min, int maxInclusive) => random.Next(min, maxInclusive + 1);
    public double Unit() => random.NextDouble();
    public bool Chance(double p) => random.NextDouble() < p;
    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A version-4-shaped Guid from the seeded stream (never random across runs).</summary>
    public Guid NewId()
    {
        Span<byte> b = stackalloc byte[16];
        random.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b);
    }

    /// <summary>Log-uniform amount between min and max, rounded to <paramref name="step"/>.</summary>
    public long LogUniform(long min, long max, long step)
    {
        var v = Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));
        return Math.Max(min, (long)Math.Round(v / step) * step);
    }
}

/// <summary>Vietnamese names, localities and sectors for the seeded portfolio (invented people and cooperatives).</summary>
public static class SeedNames
{
    public static readonly string[] Surnames =
        ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    public static readonly string[] MaleMiddle = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công"];
    public static readonly string[] FemaleMiddle = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim"];
    public static readonly string[] MaleGiven = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"];
    public static readonly string[] FemaleGiven = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Tuyết", "Vân", "Yến"];

    /// <summary>Pre-2025 district-level localities (free text: addresses still name them); plausible, not tied to a province.</summary>
    public static readonly string[] Districts =
        ["Huyện Krông Pắc", "Huyện Cư M'gar", "Huyện Ea Kar", "Huyện Đức Trọng", "Huyện Lâm Hà", "Huyện Di Linh", "Huyện Bảo Lâm",
         "Huyện Tân Phú", "Huyện Định Quán", "Huyện Xuân Lộc", "Huyện Châu Thành", "Huyện Phú Tân", "Huyện Thanh Hà", "Huyện Kim Sơn",
         "Huyện Yên Thành", "Huyện Đô Lương", "Huyện Mộc Châu", "Huyện Bắc Hà", "Thị xã Buôn Hồ", "Thị xã Ninh Hòa", "Huyện Cam Lâm",
         "Huyện Hàm Thuận Bắc", "Huyện Tuy Phước", "Huyện Hoài Nhơn", "Huyện Đại Lộc", "Huyện Quế Sơn", "Huyện Gio Linh", "Huyện Hướng Hóa"];
    public static readonly string[] Villages = ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn Tân Lập", "Thôn Hòa Bình", "Buôn Ea Sim", "Ấp Phú Hòa", "Bản Mường", "Xóm Đông"];

    /// <summary>Main sectors with weights (agriculture dominates: 18,327 of 26,040 cooperatives at end-2020, DOMAIN.md §5).</summary>
    public static readonly (string Sector, string NameWord, int Weight)[] Sectors =
    [
        ("Nông nghiệp", "nông nghiệp", 45), ("Trồng trọt cà phê", "cà phê", 8), ("Chăn nuôi", "chăn nuôi", 7), ("Thủy sản", "thủy sản", 5),
        ("Lâm nghiệp", "lâm nghiệp", 4), ("Thủ công mỹ nghệ", "thủ công mỹ nghệ", 5), ("Dịch vụ vận tải", "vận tải", 5),
        ("Công nghiệp - Tiểu thủ công nghiệp", "tiểu thủ công nghiệp", 6), ("Thương mại - Dịch vụ", "thương mại dịch vụ", 8),
        ("Quỹ tín dụng - Dịch vụ", "dịch vụ tổng hợp", 3), ("Du lịch cộng đồng", "du lịch cộng đồng", 2), ("Xây dựng", "xây dựng", 2),
    ];

    public static readonly string[] Purposes =
        ["Mua phân bón, giống cây trồng", "Mua máy móc chế biến", "Xây dựng nhà kho, sân phơi", "Mở rộng chuồng trại chăn nuôi",
         "Mua nguyên liệu sản xuất", "Đầu tư hệ thống tưới tiết kiệm", "Mua xe vận chuyển nông sản", "Bổ sung vốn lưu động"];

    public static string Person(SeedRandom r)
    {
        var female = r.Chance(0.5);
        return $"{r.Pick(Surnames)} {r.Pick(female ? FemaleMiddle : MaleMiddle)} {r.Pick(female ? FemaleGiven : MaleGiven)}";
    }

    public static (string Sector, string Word) Sector(SeedRandom r)
    {
        var total = Sectors.Sum(s => s.Weight);
        var x = r.Next(total);
        foreach (var s in Sectors)
        {
            if (x < s.Weight) return (s.Sector, s.NameWord);
            x -= s.Weight;
        }
        return (Sectors[0].Sector, Sectors[0].NameWord);
    }

    /// <summary>Priority flags in plausible proportions (women-managed ~25 %, ethnic-minority areas ~20 %, OCOP ~10 %,
    /// value chain ~30 % of agricultural ones, high-tech ~5 %).</summary>
    public static PriorityFlags Priority(SeedRandom r, bool agricultural) =>
        new(r.Chance(0.25), r.Chance(0.20), r.Chance(0.10), agricultural && r.Chance(0.30), r.Chance(0.05));
}
