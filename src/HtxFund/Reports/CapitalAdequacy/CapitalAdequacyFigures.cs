namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>
/// The report flattened into figures with stable codes (the CSV and XLSX rows and what a correction compares).
/// Sections and codes:
/// <list type="bullet">
/// <item><c>capital.*</c>: charter_capital, retained_result, actual_charter_capital, other.{Kind}, other_total, sources, equity;</item>
/// <item><c>liquidity.*</c>: cash, committed, available_to_lend;</item>
/// <item><c>portfolio.*</c>: loans, outstanding, group.{1..5}.loans/principal/provision, term.{Short|Medium|Long}.loans/principal,
///   npl, npl_ratio;</item>
/// <item><c>trend.{yyyy-MM}.*</c>: outstanding, npl, npl_ratio at each of the 12 month-ends;</item>
/// <item><c>provisions.*</c>: required, booked, shortfall;</item>
/// <item><c>limits.*</c>: single_percent, group_percent, single, group; <c>exposure.borrower.{n}.*</c> and
///   <c>exposure.group.{n}.*</c> (n = rank from 1): exposure, limit, headroom;</item>
/// <item><c>equity.*</c>: outstanding_to_equity, below_threshold (1/0);</item>
/// <item><c>priority.{Key}.*</c>, <c>type.{Key}.*</c>, <c>district.{name}.*</c>, <c>sector.{name}.*</c>: loans, principal;</item>
/// <item><c>lending.month.*</c>, <c>lending.year.*</c>: loans, amount, cooperatives;</item>
/// <item><c>reconciliation.*</c>: sum_of_groups, assets, interest_received, penalty_interest_received, held_for_borrowers,
///   sources_and_results, difference (cash basis);</item>
/// <item><c>interest.*</c>: on_balance, off_balance, off_balance_loans (accrual basis, Circular 52/2022 Art 5.2; not in
///   reports archived before they were reported).</item>
/// </list>
/// A ratio that cannot be computed (no denominator) is left out.
/// </summary>
public static class CapitalAdequacyFigures
{
    public static IReadOnlyList<ReportFigure> Of(CapitalAdequacyReport r)
    {
        var list = new List<ReportFigure>();
        void Dong(string code, string section, string label, long value) => list.Add(new(code, section, label, value, FigureUnit.Dong));
        void Count(string code, string section, string label, long value) => list.Add(new(code, section, label, value, FigureUnit.Count));
        void Percent(string code, string section, string label, decimal? value)
        {
            if (value is { } v) list.Add(new(code, section, label, v, FigureUnit.Percent));
        }

        const string cap = "Nguồn vốn";
        Dong("capital.charter_capital", cap, "Vốn điều lệ", r.Capital.CharterCapital);
        Dong("capital.retained_result", cap, "Chênh lệch thu chi lũy kế (lãi/lỗ)", r.Capital.RetainedResult);
        Dong("capital.actual_charter_capital", cap, "Vốn điều lệ thực có", r.Capital.ActualCharterCapital);
        foreach (var o in r.Capital.OtherCapital) Dong($"capital.other.{o.Kind}", cap, o.Name, o.Amount);
        Dong("capital.other_total", cap, "Tổng vốn khác", r.Capital.OtherCapitalTotal);
        Dong("capital.sources", cap, "Tổng nguồn vốn (vốn điều lệ + vốn khác)", r.Capital.CapitalSources);
        Dong("capital.equity", cap, "Vốn chủ sở hữu", r.Capital.Equity);

        const string liq = "Thanh khoản";
        Dong("liquidity.cash", liq, "Tiền", r.Cash);
        Dong("liquidity.committed", liq, "Đã cam kết, chưa giải ngân", r.Committed);
        Dong("liquidity.available_to_lend", liq, "Vốn còn có thể cho vay", r.AvailableToLend);

        const string pf = "Dư nợ";
        Count("portfolio.loans", pf, "Số khoản vay còn dư nợ", r.Loans);
        Dong("portfolio.outstanding", pf, "Tổng dư nợ gốc", r.Outstanding);
        foreach (var g in r.ByDebtGroup)
        {
            Count($"portfolio.group.{g.Key}.loans", pf, $"{g.Name}: số khoản vay", g.Loans);
            Dong($"portfolio.group.{g.Key}.principal", pf, $"{g.Name}: dư nợ gốc", g.Principal);
            Dong($"portfolio.group.{g.Key}.provision", pf, $"{g.Name}: dự phòng phải trích", g.ProvisionRequired);
        }
        foreach (var t in r.ByTermClass)
        {
            Count($"portfolio.term.{t.Key}.loans", pf, $"{t.Name}: số khoản vay", t.Loans);
            Dong($"portfolio.term.{t.Key}.principal", pf, $"{t.Name}: dư nợ gốc", t.Principal);
        }
        Dong("portfolio.npl", pf, "Nợ xấu (nhóm 3–5)", r.NonPerforming);
        Percent("portfolio.npl_ratio", pf, "Tỷ lệ nợ xấu", r.NplRatioPercent);

        const string tr = "Diễn biến 12 tháng";
        foreach (var p in r.Trend)
        {
            var month = $"{p.MonthEnd.Year:D4}-{p.MonthEnd.Month:D2}";
            var shown = $"{p.MonthEnd.Month:D2}/{p.MonthEnd.Year:D4}";
            Dong($"trend.{month}.outstanding", tr, $"Dư nợ gốc cuối tháng {shown}", p.Outstanding);
            Dong($"trend.{month}.npl", tr, $"Nợ xấu cuối tháng {shown}", p.NonPerforming);
            Percent($"trend.{month}.npl_ratio", tr, $"Tỷ lệ nợ xấu cuối tháng {shown}", p.NplRatioPercent);
        }

        const string pr = "Dự phòng rủi ro";
        Dong("provisions.deductible_collateral", pr, "Giá trị khấu trừ của tài sản bảo đảm", r.DeductibleCollateral);
        Dong("provisions.required", pr, "Dự phòng phải trích", r.ProvisionsRequired);
        Dong("provisions.booked", pr, "Dự phòng đã trích", r.ProvisionsBooked);
        Dong("provisions.used", pr, "Dự phòng đã sử dụng để xử lý rủi ro", r.ProvisionsUsed);
        Dong("provisions.held", pr, "Dự phòng còn lại (đã trích − đã sử dụng)", r.ProvisionsHeld);
        Dong("provisions.shortfall", pr, "Dự phòng còn thiếu (+) / thừa (−)", r.ProvisionShortfall);

        const string off = "Nợ đã xử lý rủi ro (theo dõi ngoại bảng)";
        Count("off_balance.loans", off, "Số khoản vay theo dõi ngoại bảng", r.OffBalanceLoans);
        Dong("off_balance.principal", off, "Dư nợ gốc đã xử lý bằng dự phòng", r.OffBalancePrincipal);
        Dong("off_balance.recovered", off, "Số tiền thu hồi nợ đã xử lý", r.Recovered);

        const string lim = "Giới hạn cho vay";
        Percent("limits.single_percent", lim, "Giới hạn một khách hàng (% vốn điều lệ thực có)", r.SingleBorrowerLimitPercent);
        Percent("limits.group_percent", lim, "Giới hạn khách hàng và người có liên quan (% vốn điều lệ thực có)", r.RelatedGroupLimitPercent);
        Dong("limits.single", lim, "Giới hạn một khách hàng", r.SingleBorrowerLimit);
        Dong("limits.group", lim, "Giới hạn khách hàng và người có liên quan", r.RelatedGroupLimit);
        foreach (var (e, i) in r.LargestBorrowers.Select((e, i) => (e, i + 1)))
        {
            Dong($"exposure.borrower.{i}.exposure", lim, $"Khách hàng {i} ({e.Name}): dư nợ và cam kết", e.Exposure);
            Dong($"exposure.borrower.{i}.headroom", lim, $"Khách hàng {i} ({e.Name}): còn được vay", e.Headroom);
        }
        foreach (var (e, i) in r.LargestGroups.Select((e, i) => (e, i + 1)))
        {
            Dong($"exposure.group.{i}.exposure", lim, $"Nhóm {i} ({e.Name}): dư nợ và cam kết", e.Exposure);
            Dong($"exposure.group.{i}.headroom", lim, $"Nhóm {i} ({e.Name}): còn được vay", e.Headroom);
        }

        const string eq = "Dư nợ trên vốn chủ sở hữu";
        Percent("equity.outstanding_to_equity", eq, "Dư nợ cho vay / vốn chủ sở hữu", r.OutstandingToEquityPercent);
        Count("equity.below_threshold", eq,
            $"Dưới ngưỡng {r.DissolutionThresholdPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% (Nghị định 45/2021, Điều 46) (1 = có)",
            r.BelowDissolutionThreshold ? 1 : 0);

        void Slices(string prefix, string section, IEnumerable<PortfolioSlice> slices)
        {
            foreach (var s in slices)
            {
                Count($"{prefix}.{s.Key}.loans", section, $"{s.Name}: số khoản vay", s.Loans);
                Dong($"{prefix}.{s.Key}.principal", section, $"{s.Name}: dư nợ gốc", s.Principal);
            }
        }
        Slices("priority", "Dư nợ theo đối tượng ưu tiên", r.ByPriority);
        Slices("type", "Dư nợ theo loại khách hàng", r.ByBorrowerType);
        Slices("district", "Dư nợ theo huyện", r.ByDistrict);
        Slices("sector", "Dư nợ theo ngành", r.BySector);

        void Lending(string key, string name, LendingInPeriod l)
        {
            const string section = "Cho vay trong kỳ";
            Count($"lending.{key}.loans", section, $"{name}: số khoản vay được giải ngân", l.Loans);
            Dong($"lending.{key}.amount", section, $"{name}: số tiền giải ngân", l.Amount);
            Count($"lending.{key}.cooperatives", section, $"{name}: số hợp tác xã được tiếp cận", l.Cooperatives);
        }
        Lending("month", "Trong tháng", r.LendingInMonth);
        Lending("year", "Từ đầu năm", r.LendingInYear);

        const string rec = "Đối chiếu";
        var c = r.Reconciliation;
        Dong("reconciliation.sum_of_groups", rec, "Cộng dư nợ các nhóm", c.SumOfGroups);
        Dong("reconciliation.assets", rec, "Tiền + dư nợ gốc", c.Assets);
        Dong("reconciliation.interest_received", rec, "Lãi đã thu", c.InterestReceived);
        Dong("reconciliation.penalty_interest_received", rec, "Lãi phạt đã thu", c.PenaltyInterestReceived);
        Dong("reconciliation.held_for_borrowers", rec, "Tiền thu thừa phải trả người vay", c.HeldForBorrowers);
        Dong("reconciliation.recovered", rec, "Thu hồi nợ đã xử lý rủi ro", c.Recovered);
        Dong("reconciliation.principal_off_balance", rec, "Gốc đã xử lý rủi ro (chuyển ngoại bảng)", c.PrincipalOffBalance);
        Dong("reconciliation.sources_and_results", rec, "Nguồn vốn + lãi đã thu + tiền thu thừa + thu hồi − gốc đã xử lý rủi ro", c.SourcesAndResults);
        Dong("reconciliation.difference", rec, "Chênh lệch đối chiếu", c.Difference);

        if (r.Interest is { } receivable)
        {
            const string ir = "Lãi phải thu (cơ sở dồn tích)";
            Dong("interest.on_balance", ir, "Lãi dự thu nội bảng (nợ nhóm 1, đã ghi thu nhập)", receivable.OnBalance);
            Dong("interest.off_balance", ir, "Lãi chưa thu theo dõi ngoại bảng (nợ nhóm 2–5, ghi thu nhập khi thu được tiền)", receivable.OffBalance);
            Count("interest.off_balance_loans", ir, "Số khoản vay có lãi theo dõi ngoại bảng", receivable.LoansOffBalance);
        }
        return list;
    }

    /// <summary>The figures whose value differs between two versions (or exist in one only), in the original's order.</summary>
    public static IReadOnlyList<Archive.ReportDifference> Differences(IReadOnlyList<ReportFigure> original, IReadOnlyList<ReportFigure> corrected)
    {
        var after = corrected.ToDictionary(f => f.Code);
        var before = original.ToDictionary(f => f.Code);
        var list = new List<Archive.ReportDifference>();
        foreach (var f in original)
        {
            var other = after.GetValueOrDefault(f.Code);
            if (other is null || other.Value != f.Value)
                list.Add(new(f.Label, Text(f.Value), other is null ? "" : Text(other.Value), f.Code));
        }
        foreach (var f in corrected.Where(f => !before.ContainsKey(f.Code))) list.Add(new(f.Label, "", Text(f.Value), f.Code));
        return list;
    }

    public static string Text(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
