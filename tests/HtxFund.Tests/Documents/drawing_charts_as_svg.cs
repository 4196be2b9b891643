using System.Xml.Linq;
using HtxFund.Documents.Charts;

namespace HtxFund.Tests.Documents;

public class drawing_charts_as_svg
{
    [Fact]
    public void a_bar_chart_is_a_scalable_svg_with_its_title_bars_and_labels()
    {
        var svg = ChartSvg.Render(new BarChart("Dư nợ theo nhóm nợ", ["Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4", "Nhóm 5"],
            [new ChartSeries("Dư nợ (triệu đồng)", [12_500, 3_200, 800, 450, 120])]));

        var root = XElement.Parse(svg);
        root.Name.LocalName.ShouldBe("svg");
        root.Attribute("viewBox")!.Value.ShouldStartWith("0 0 520 ");
        root.Attribute("aria-label")!.Value.ShouldBe("Dư nợ theo nhóm nợ");
        root.Descendants().Count(e => e.Name.LocalName == "rect").ShouldBeGreaterThanOrEqualTo(5, "one bar per debt group");
        svg.ShouldContain("Nhóm 3");
        svg.ShouldContain("15.000");
    }

    [Fact]
    public void a_line_chart_draws_one_path_per_series_with_the_legend()
    {
        var svg = ChartSvg.Render(new LineChart("Tỷ lệ nợ xấu", ["T1", "T2", "T3"],
        [
            new ChartSeries("Dư nợ", [10_000, 11_200, 11_900]),
            new ChartSeries("Nợ xấu", [300, 420, 380]),
        ]));

        var root = XElement.Parse(svg);
        root.Descendants().Count(e => e.Name.LocalName == "path").ShouldBeGreaterThanOrEqualTo(2);
        svg.ShouldContain("Nợ xấu");
        svg.ShouldContain("T3");
    }
}
